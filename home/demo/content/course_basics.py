"""Course 1: Kỹ năng số cơ bản cho cán bộ cơ sở (sequential, ends with an evidence practice)."""

_SMARTPHONE = [
    {
        "type": "paragraph",
        "value": (
            "<p>Điện thoại thông minh đã trở thành công cụ làm việc hằng ngày của cán bộ cơ sở: nhận văn bản, "
            "trao đổi trong nhóm của thôn, tổ dân phố, hướng dẫn người dân làm thủ tục. Trong máy có danh bạ, "
            "ảnh, tài khoản ngân hàng và cả thông tin của người dân.</p>"
            "<p>Vì vậy, giữ điện thoại an toàn là việc đầu tiên của một công dân số. Bài học này tập trung vào "
            "những thói quen đơn giản ai cũng làm được: khóa màn hình, cập nhật phần mềm, cấp quyền ứng dụng có "
            "chọn lọc và sao lưu dữ liệu.</p>"
        ),
    },
    {
        "type": "paragraph",
        "value": (
            "<p><strong>Trước hết, hãy khóa màn hình</strong> bằng mã số ít nhất sáu chữ số, vân tay hoặc khuôn "
            "mặt. Không dùng những mã dễ đoán như 000000 hay ngày sinh.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Cập nhật phần mềm", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Mỗi bản cập nhật của hệ điều hành và ứng dụng thường vá những lỗ hổng mà kẻ gian có thể lợi "
            "dụng. Điện thoại lâu ngày không cập nhật giống như ngôi nhà có cửa hỏng mà chưa sửa.</p>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Kiểm tra và cài bản cập nhật",
            "steps": [
                {
                    "text": "<p>Cắm sạc hoặc bảo đảm pin còn trên một nửa, kết nối Wi-Fi ổn định.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Mở <strong>Cài đặt</strong>, tìm mục <em>Cập nhật phần mềm</em>. Trên iPhone mục "
                        "này nằm trong Cài đặt chung; trên máy Android thường nằm trong mục Hệ thống hoặc "
                        "Thông tin điện thoại.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Nếu có bản mới, chọn Tải về và cài đặt, rồi chờ máy khởi động lại.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Mở kho ứng dụng (CH Play hoặc App Store), vào mục quản lý ứng dụng và cập nhật các "
                        "ứng dụng đang dùng.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Bật cập nhật tự động",
            "text": "<p>Bật chế độ tự động cập nhật ứng dụng khi có Wi-Fi để không phải nhớ kiểm tra.</p>",
        },
    },
    {"type": "heading", "value": {"text": "Cấp quyền cho ứng dụng có chọn lọc", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Khi cài ứng dụng, máy sẽ hỏi có cho phép truy cập vị trí, danh bạ, máy ảnh, micro hay tin nhắn "
            "không. Hãy tự hỏi: ứng dụng này có thật sự cần quyền đó không? Ứng dụng đèn pin không cần đọc danh "
            "bạ; ứng dụng chỉnh ảnh không cần đọc tin nhắn.</p>"
            "<p>Nên chọn <em>Chỉ khi dùng ứng dụng</em> thay cho <em>Luôn cho phép</em>, và thu hồi quyền của "
            "những ứng dụng lâu không dùng. Chỉ cài ứng dụng từ kho chính thức, không cài từ đường link gửi qua "
            "tin nhắn.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Ứng dụng lạ xin quyền trợ năng",
            "text": (
                "<p>Kẻ lừa đảo thường dụ người dùng cài ứng dụng giả rồi xin quyền trợ năng để điều khiển máy "
                "từ xa. Nếu một ứng dụng lạ xin quyền này, hãy từ chối và gỡ ứng dụng ngay.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Sao lưu dữ liệu", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Điện thoại có thể rơi, hỏng hoặc bị mất. Nếu đã sao lưu, bạn khôi phục được danh bạ, ảnh và tin "
            "nhắn sang máy mới trong ít phút. Máy Android sao lưu vào tài khoản Google, iPhone sao lưu vào "
            "iCloud; các ứng dụng nhắn tin như Zalo có chức năng sao lưu tin nhắn riêng.</p>"
            "<p>Lưu ý: tài liệu công việc có thông tin của người dân chỉ lưu ở nơi cơ quan cho phép, không đưa "
            "lên dịch vụ lưu trữ cá nhân.</p>"
        ),
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Khóa màn hình bằng mã số, vân tay hoặc khuôn mặt.",
                "Cập nhật hệ điều hành và ứng dụng ngay khi có bản mới.",
                "Chỉ cấp quyền mà ứng dụng thật sự cần; thu hồi quyền của ứng dụng không dùng.",
                "Chỉ cài ứng dụng từ CH Play hoặc App Store, không cài từ đường link lạ.",
                "Sao lưu định kỳ; dữ liệu của người dân chỉ lưu ở nơi cơ quan cho phép.",
            ],
        },
    },
]

_VNEID = [
    {
        "type": "paragraph",
        "value": (
            "<p>Tài khoản định danh điện tử giúp người dân chứng minh “tôi là ai” trên môi trường số, giống như "
            "xuất trình giấy tờ tùy thân khi đến cơ quan. Ứng dụng VNeID của Bộ Công an là nơi người dân dùng "
            "tài khoản này.</p>"
            "<p>Với cán bộ cơ sở, nắm vững VNeID là điều kiện để hướng dẫn người dân làm dịch vụ công trực "
            "tuyến, vì các cổng dịch vụ công cho phép đăng nhập bằng tài khoản định danh điện tử.</p>"
        ),
    },
    {
        "type": "glossary_term",
        "value": {
            "term": "Định danh điện tử",
            "definition": (
                "Việc xác lập thông tin nhận dạng của một người trên môi trường điện tử, gắn với số định danh "
                "cá nhân, để cơ quan và dịch vụ nhận biết đúng người."
            ),
        },
    },
    {"type": "heading", "value": {"text": "Mức 1 và mức 2 khác nhau thế nào?", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li><strong>Mức 1</strong>: người dân tự đăng ký trên ứng dụng VNeID, có thông tin cơ bản và ảnh "
            "chân dung. Tài khoản dùng được một số tiện ích nhưng chưa thay được giấy tờ khi cần xác thực "
            "cao.</li>"
            "<li><strong>Mức 2</strong>: đăng ký trực tiếp tại cơ quan công an, thường cùng lúc làm thẻ căn "
            "cước, được thu nhận ảnh chân dung và vân tay. Tài khoản mức 2 có độ tin cậy cao hơn, dùng được đầy "
            "đủ tiện ích và thay cho việc xuất trình nhiều loại giấy tờ.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Quy trình có thể thay đổi",
            "text": (
                "<p>Điều kiện và các bước đăng ký có thể được điều chỉnh. Trước khi hướng dẫn người dân, hãy "
                "kiểm tra hướng dẫn mới nhất ngay trên ứng dụng VNeID hoặc hỏi công an xã, phường.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Kích hoạt tài khoản mức 2", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Sau khi đăng ký tại cơ quan công an, người dân nhận tin nhắn báo tài khoản đã được tạo. Lúc "
            "này cần kích hoạt trên điện thoại của chính họ, với số điện thoại chính chủ đã khai khi đăng "
            "ký.</p>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Các bước kích hoạt",
            "steps": [
                {
                    "text": (
                        "<p>Tải ứng dụng VNeID từ CH Play hoặc App Store; kiểm tra tên nhà phát triển là đơn vị "
                        "thuộc Bộ Công an.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Mở ứng dụng, chọn kích hoạt tài khoản, nhập số định danh cá nhân (mười hai số trên "
                        "thẻ căn cước) và số điện thoại đã đăng ký.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Nhập mã kích hoạt (OTP) gửi về điện thoại. Người dân tự nhập, không đọc mã này cho ai.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Đặt mật khẩu và mật mã theo yêu cầu của ứng dụng; khuyên người dân ghi nhớ, không "
                        "ghi lên vỏ điện thoại.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Đăng nhập lại và kiểm tra thông tin hiển thị đúng với giấy tờ.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {"type": "heading", "value": {"text": "Tiện ích thường dùng", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Ví giấy tờ: tích hợp thẻ bảo hiểm y tế, giấy phép lái xe, giấy đăng ký xe để xuất trình khi "
            "cần.</li>"
            "<li>Đăng nhập Cổng Dịch vụ công quốc gia và cổng dịch vụ công của tỉnh.</li>"
            "<li>Thông báo lưu trú, gửi tin báo, tố giác về an ninh trật tự.</li>"
            "<li>Xem thông tin cư trú của bản thân và các thành viên trong hộ.</li>"
            "</ul>"
            "<p>Danh mục tiện ích được bổ sung thường xuyên, vì vậy cán bộ nên tự mở ứng dụng định kỳ để nắm "
            "những chức năng mới.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Hướng dẫn, không làm hộ",
            "text": (
                "<p>Cán bộ chỉ hướng dẫn; người dân tự nhập mã OTP và mật khẩu. Không bao giờ ghi lại, chụp lại "
                "hay giữ hộ mật khẩu của người dân.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Mức 1 đăng ký trên ứng dụng; mức 2 đăng ký tại cơ quan công an và dùng được đầy đủ tiện ích.",
                "Kích hoạt bằng số định danh cá nhân, số điện thoại chính chủ và mã OTP.",
                "Chỉ tải VNeID từ kho ứng dụng chính thức.",
                "Người dân tự nhập mã OTP và mật khẩu; cán bộ không giữ hộ.",
                "Kiểm tra hướng dẫn mới nhất với công an xã, phường trước khi hướng dẫn người dân.",
            ],
        },
    },
]

_PUBLIC_SERVICES = [
    {
        "type": "paragraph",
        "value": (
            "<p>Dịch vụ công trực tuyến cho phép người dân nộp hồ sơ thủ tục hành chính qua mạng, không phải đi "
            "lại nhiều lần. Nhiều thủ tục quen thuộc như đăng ký khai sinh, đăng ký cư trú hay xác nhận tình "
            "trạng hôn nhân đã làm được trực tuyến.</p>"
            "<p>Có hai nơi chính: Cổng Dịch vụ công quốc gia và cổng dịch vụ công của tỉnh. Hai nơi được kết nối "
            "với nhau; người dân đăng nhập bằng tài khoản định danh điện tử.</p>"
        ),
    },
    {
        "type": "glossary_term",
        "value": {
            "term": "Dịch vụ công trực tuyến toàn trình",
            "definition": (
                "Dịch vụ mà toàn bộ quá trình, từ nộp hồ sơ, nộp phí đến nhận kết quả, đều làm trên môi trường "
                "mạng. Với dịch vụ một phần, người dân vẫn phải đến nộp bản gốc hoặc nhận kết quả trực tiếp."
            ),
        },
    },
    {"type": "heading", "value": {"text": "Bước 1: Tìm đúng thủ tục", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Gõ từ khóa ngắn vào ô tìm kiếm, ví dụ “khai sinh” thay cho cả câu dài. Chọn đúng cơ quan giải "
            "quyết và đúng địa bàn. Đọc kỹ thành phần hồ sơ, thời hạn giải quyết và phí, lệ phí (nếu có) trước "
            "khi bắt đầu.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Bước 2: Nộp hồ sơ", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Nộp một hồ sơ trực tuyến",
            "steps": [
                {
                    "text": (
                        "<p>Đăng nhập bằng tài khoản định danh điện tử; nhiều thông tin cá nhân sẽ được điền sẵn.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Điền tờ khai điện tử; kiểm tra kỹ họ tên, ngày sinh, địa chỉ.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Đính kèm giấy tờ theo yêu cầu: chụp rõ nét, đủ bốn góc, không lóa sáng. Giấy tờ đã "
                        "có trong kho dữ liệu thì chọn lại, không cần chụp.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Chọn cách nhận kết quả (bản điện tử, qua bưu chính hoặc tại bộ phận một cửa) và "
                        "thanh toán phí trực tuyến nếu có.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Bấm nộp và ghi lại mã hồ sơ để tra cứu.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Chuẩn bị trước khi ngồi cùng người dân",
            "text": (
                "<p>Nhắc người dân mang điện thoại đã đăng nhập VNeID, giấy tờ gốc để chụp và sạc đủ pin. Hồ sơ "
                "được chuẩn bị tốt thường chỉ mất mười lăm đến hai mươi phút.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Bước 3: Theo dõi kết quả", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Sau khi nộp, hệ thống gửi thông báo qua tin nhắn, thư điện tử hoặc ngay trong tài khoản. Người "
            "dân vào mục quản lý hồ sơ hoặc tra cứu bằng mã hồ sơ để biết hồ sơ đang ở bước nào. Nếu cơ quan "
            "yêu cầu bổ sung, cần làm đúng hạn để hồ sơ không bị trả lại.</p>"
            "<p>Kết quả điện tử có chữ ký số của cơ quan giải quyết và được lưu vào kho dữ liệu của người dân, "
            "dùng lại được cho những thủ tục sau.</p>"
        ),
    },
    {
        "type": "glossary_term",
        "value": {
            "term": "Chữ ký số",
            "definition": (
                "Một dạng chữ ký điện tử dùng kỹ thuật mã hóa để xác nhận ai là người ký và văn bản không bị sửa "
                "sau khi ký. Cơ quan dùng chữ ký số để ký kết quả thủ tục điện tử."
            ),
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Khi gặp vướng mắc",
            "text": (
                "<p>Liên hệ bộ phận một cửa của xã, phường hoặc số hỗ trợ ghi trên cổng dịch vụ công. Danh mục "
                "thủ tục làm được trực tuyến thay đổi theo thời gian, nên hãy tra trực tiếp trên cổng thay vì "
                "dựa vào trí nhớ.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Đăng nhập cổng dịch vụ công bằng tài khoản định danh điện tử.",
                "Tìm thủ tục bằng từ khóa ngắn, chọn đúng cơ quan và địa bàn.",
                "Đọc kỹ thành phần hồ sơ trước khi nộp; ảnh giấy tờ phải rõ nét.",
                "Luôn ghi lại mã hồ sơ để tra cứu và bổ sung đúng hạn.",
                "Kết quả điện tử có chữ ký số của cơ quan giải quyết.",
            ],
        },
    },
]

_CASHLESS = [
    {
        "type": "paragraph",
        "value": (
            "<p>Tiền điện, tiền nước, học phí, phí dịch vụ công hay mua bán ở chợ ngày càng được trả qua điện "
            "thoại. Thanh toán không dùng tiền mặt nhanh, không lo tiền lẻ và có lịch sử giao dịch để đối chiếu, "
            "nhưng cũng đòi hỏi người dùng cẩn thận hơn.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Ba cách thường gặp", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li><strong>Chuyển khoản</strong> qua ứng dụng ngân hàng: nhập số tài khoản, chọn ngân hàng, kiểm "
            "tra tên người nhận.</li>"
            "<li><strong>Quét mã QR</strong>: mã tự điền thông tin người nhận, có khi kèm số tiền và nội "
            "dung.</li>"
            "<li><strong>Ví điện tử</strong>: tài khoản thanh toán gắn với số điện thoại, liên kết với tài khoản "
            "ngân hàng, tiện cho các khoản nhỏ.</li>"
            "</ul>"
        ),
    },
    {
        "type": "glossary_term",
        "value": {
            "term": "Mã QR",
            "definition": (
                "Ô vuông gồm các chấm đen trắng chứa thông tin. Khi quét bằng ứng dụng ngân hàng hoặc ví điện "
                "tử, thông tin người nhận được điền tự động."
            ),
        },
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Thanh toán bằng mã QR an toàn",
            "steps": [
                {
                    "text": (
                        "<p>Mở ứng dụng ngân hàng hoặc ví điện tử và chọn chức năng quét mã QR ngay trong ứng "
                        "dụng, không dùng ứng dụng quét mã lạ.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Quét mã, rồi đọc kỹ tên người nhận hiện trên màn hình: đúng cửa hàng, đúng đơn vị thu.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Kiểm tra số tiền và nội dung chuyển khoản.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Xác nhận bằng mã PIN, vân tay hoặc khuôn mặt. Chỉ mình bạn được nhìn thấy bước này.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Chờ màn hình báo thành công và lưu lại biên lai nếu cần.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {"type": "heading", "value": {"text": "Cảnh giác khi thanh toán", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Kẻ gian có thể dán mã QR giả đè lên mã thật ở quầy hàng, gửi đường link “hoàn tiền”, “nhận "
            "quà” để lấy thông tin đăng nhập, hoặc đưa ảnh chụp màn hình chuyển khoản giả rồi nhận hàng.</p>"
            "<p>Khi bán hàng, người nhận tiền nên kiểm tra thông báo số dư ngay trong ứng dụng ngân hàng, không "
            "chỉ tin ảnh chụp do người mua đưa.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Không bao giờ cung cấp mã OTP",
            "text": (
                "<p>Ngân hàng, ví điện tử và cơ quan nhà nước không bao giờ hỏi mã OTP, mật khẩu hay mã PIN qua "
                "điện thoại hoặc tin nhắn. Ai hỏi những mã này đều là kẻ lừa đảo.</p>"
            ),
        },
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Hạn mức giao dịch và cách xác thực, chẳng hạn xác thực khuôn mặt với giao dịch lớn, do ngân hàng "
            "áp dụng và có thể thay đổi. Hãy hướng dẫn người dân đọc thông báo trong ứng dụng hoặc hỏi trực tiếp "
            "ngân hàng của họ.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Khi chuyển nhầm hoặc nghi bị lừa",
            "text": (
                "<p>Gọi ngay tổng đài chính thức của ngân hàng (in trên thẻ hoặc trong ứng dụng) để được hỗ trợ, "
                "rồi báo công an xã, phường. Báo càng sớm càng có cơ hội ngăn chặn.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Quét mã QR bằng chính ứng dụng ngân hàng hoặc ví điện tử.",
                "Luôn đọc tên người nhận và số tiền trước khi xác nhận.",
                "Không cung cấp mã OTP, mật khẩu, mã PIN cho bất kỳ ai.",
                "Người bán kiểm tra tiền vào trong ứng dụng ngân hàng, không tin ảnh chụp màn hình.",
                "Chuyển nhầm hoặc bị lừa: gọi ngay tổng đài ngân hàng và báo công an xã, phường.",
            ],
        },
    },
]

_INFORMATION = [
    {
        "type": "paragraph",
        "value": (
            "<p>Mỗi ngày cán bộ cơ sở đọc rất nhiều thông tin trên mạng và thường được người dân hỏi lại “tin "
            "này có thật không?”. Biết tìm đúng và đánh giá đúng giúp cán bộ trả lời có căn cứ, góp phần định "
            "hướng dư luận xã hội ở địa bàn.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Tìm kiếm hiệu quả", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Dùng từ khóa ngắn, cụ thể: “lịch tiêm chủng trạm y tế” thay cho một câu hỏi dài.</li>"
            "<li>Đặt cụm từ trong dấu ngoặc kép để tìm đúng cụm đó.</li>"
            "<li>Thêm <em>site:gov.vn</em> để chỉ tìm trên trang của cơ quan nhà nước.</li>"
            "<li>Xem ngày đăng: thông tin về chính sách, thủ tục có thể đã cũ.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Thử ngay",
            "text": (
                "<p>Gõ <em>dịch vụ công site:gov.vn</em> vào ô tìm kiếm và so sánh kết quả với khi không có phần "
                "site:gov.vn.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Đánh giá độ tin cậy", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Năm câu hỏi trước khi tin",
            "steps": [
                {
                    "text": (
                        "<p><strong>Ai đăng?</strong> Cơ quan nhà nước, báo chí chính thống hay một trang không "
                        "rõ danh tính?</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p><strong>Đăng khi nào?</strong> Tin cũ có thể bị đăng lại như tin mới.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Nguồn ở đâu?</strong> Tin có dẫn văn bản, người phát ngôn cụ thể hay chỉ "
                        "là “nghe nói”?</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Nơi khác có xác nhận không?</strong> Xem trang của cơ quan có thẩm quyền "
                        "hoặc báo chí chính thống có đưa tin giống vậy.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Tin có đánh vào cảm xúc không?</strong> Tiêu đề giật gân, lời kêu gọi “chia "
                        "sẻ gấp” là dấu hiệu cần nghi ngờ.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Với hình ảnh, dùng chức năng tìm kiếm bằng hình ảnh của công cụ tìm kiếm để xem ảnh đã xuất hiện "
            "ở đâu, từ khi nào. Nhiều ảnh “nóng” thực ra là ảnh cũ hoặc chụp ở nơi khác.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Câu trả lời của trí tuệ nhân tạo",
            "text": (
                "<p>Các công cụ trò chuyện dùng trí tuệ nhân tạo trả lời nhanh nhưng có thể sai hoặc lỗi thời. "
                "Chỉ xem đó là gợi ý; với chính sách, thủ tục, hãy đối chiếu với trang của cơ quan có thẩm "
                "quyền. Video và giọng nói cũng có thể bị làm giả rất giống thật.</p>"
            ),
        },
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Khi chưa chắc chắn, cách an toàn nhất là chưa chia sẻ và hỏi cơ quan chuyên môn. Một cán bộ nói "
            "“tôi sẽ kiểm tra rồi trả lời bà con” đáng tin hơn một cán bộ vội chia sẻ tin sai.</p>"
        ),
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Tìm bằng từ khóa ngắn; thêm site:gov.vn để ưu tiên nguồn chính thống.",
                "Trước khi tin, hỏi: ai đăng, khi nào, nguồn ở đâu, nơi khác có xác nhận không.",
                "Tiêu đề giật gân, kêu gọi chia sẻ gấp là dấu hiệu cần nghi ngờ.",
                "Câu trả lời của trí tuệ nhân tạo chỉ là gợi ý, phải đối chiếu nguồn chính thống.",
                "Chưa chắc chắn thì chưa chia sẻ.",
            ],
        },
    },
]

COURSE = {
    "slug": "ky-nang-so-co-ban",
    "title": "Kỹ năng số cơ bản cho cán bộ cơ sở",
    "intro": (
        "<p>Khóa học giúp cán bộ xã, phường, thôn, tổ dân phố dùng điện thoại thông minh và các dịch vụ số "
        "thiết yếu một cách tự tin. Mỗi bài học ngắn, đọc tốt trên điện thoại, có hướng dẫn từng bước.</p>"
        "<p>Sau khóa học, bạn không chỉ tự làm được mà còn <strong>hướng dẫn được người dân</strong> kích hoạt "
        "định danh điện tử, nộp hồ sơ dịch vụ công trực tuyến và thanh toán an toàn.</p>"
    ),
    "outcomes": (
        "<ul>"
        "<li>Giữ điện thoại an toàn: khóa màn hình, cập nhật phần mềm, cấp quyền ứng dụng và sao lưu dữ liệu.</li>"
        "<li>Phân biệt tài khoản định danh điện tử mức 1 và mức 2, hướng dẫn người dân kích hoạt VNeID.</li>"
        "<li>Tìm thủ tục, nộp hồ sơ và theo dõi kết quả dịch vụ công trực tuyến.</li>"
        "<li>Thanh toán bằng mã QR, chuyển khoản, ví điện tử và nhận biết các kiểu gian lận thường gặp.</li>"
        "<li>Tìm kiếm và đánh giá độ tin cậy của thông tin trên mạng.</li>"
        "</ul>"
    ),
    "topic": "digital_basics",
    "level": "basic",
    "audience": "all",
    "estimated_minutes": 100,
    "hours": "4",
    "sequential": True,
    "steps": [
        {
            "kind": "lesson",
            "slug": "dung-dien-thoai-thong-minh-an-toan",
            "title": "Dùng điện thoại thông minh an toàn",
            "summary": (
                "Những thói quen giữ điện thoại an toàn: khóa màn hình, cập nhật phần mềm, cấp quyền ứng dụng "
                "có chọn lọc và sao lưu dữ liệu."
            ),
            "estimated_minutes": 10,
            "body": _SMARTPHONE,
        },
        {
            "kind": "lesson",
            "slug": "dinh-danh-dien-tu-va-ung-dung-vneid",
            "title": "Định danh điện tử và ứng dụng VNeID",
            "summary": (
                "Sự khác nhau giữa tài khoản định danh điện tử mức 1 và mức 2, cách kích hoạt và những tiện ích "
                "người dân hay dùng."
            ),
            "estimated_minutes": 12,
            "body": _VNEID,
        },
        {
            "kind": "lesson",
            "slug": "dich-vu-cong-truc-tuyen",
            "title": "Dịch vụ công trực tuyến: tìm thủ tục, nộp hồ sơ, theo dõi kết quả",
            "summary": (
                "Ba việc cốt lõi khi làm dịch vụ công trực tuyến: tìm đúng thủ tục, nộp hồ sơ đầy đủ và theo dõi "
                "kết quả."
            ),
            "estimated_minutes": 12,
            "body": _PUBLIC_SERVICES,
        },
        {
            "kind": "lesson",
            "slug": "thanh-toan-khong-dung-tien-mat",
            "title": "Thanh toán không dùng tiền mặt",
            "summary": "Dùng mã QR, chuyển khoản và ví điện tử đúng cách, và những điểm phải cảnh giác khi thanh toán.",
            "estimated_minutes": 10,
            "body": _CASHLESS,
        },
        {
            "kind": "lesson",
            "slug": "tim-kiem-va-danh-gia-thong-tin",
            "title": "Tìm kiếm và đánh giá thông tin trên mạng",
            "summary": "Tìm đúng thông tin cần và kiểm tra độ tin cậy trước khi dùng hoặc chia sẻ.",
            "estimated_minutes": 10,
            "body": _INFORMATION,
        },
        {
            "kind": "practice",
            "slug": "huong-dan-nguoi-dan-dinh-danh-hoac-dich-vu-cong",
            "title": "Hướng dẫn một người dân dùng định danh điện tử hoặc dịch vụ công trực tuyến",
            "estimated_minutes": 45,
            "is_required": True,
            "instructions": (
                "<p>Bài thực hành giúp bạn áp dụng ngay điều đã học: ngồi cùng một người dân và hướng dẫn họ tự "
                "làm một việc trên môi trường số. Tổ trưởng Tổ công nghệ số cộng đồng sẽ xem minh chứng và xác "
                "nhận.</p>"
                "<ol>"
                "<li>Chọn một người dân trong thôn, tổ dân phố đang cần hỗ trợ (ưu tiên người cao tuổi hoặc chưa "
                "quen điện thoại), hỏi ý kiến và hẹn thời gian.</li>"
                "<li>Chọn một trong hai việc: kích hoạt tài khoản định danh điện tử trên VNeID, hoặc nộp một hồ "
                "sơ dịch vụ công trực tuyến mà người dân đang cần.</li>"
                "<li>Hướng dẫn từng bước để người dân tự thao tác trên điện thoại của họ; người dân tự nhập mã "
                "OTP và mật khẩu.</li>"
                "<li>Khi xong, xin phép người dân rồi chụp một ảnh màn hình cho thấy kết quả: tài khoản đã kích "
                "hoạt hoặc hồ sơ đã nộp kèm mã hồ sơ.</li>"
                "<li><strong>Che họ tên, số định danh cá nhân, số điện thoại, địa chỉ và mã QR</strong> trên ảnh "
                "trước khi tải lên.</li>"
                "<li>Tải ảnh lên và ghi vài dòng: đã hỗ trợ việc gì, mất bao lâu, người dân vướng ở bước "
                "nào.</li>"
                "</ol>"
            ),
            "checklist": [
                "Đã xin ý kiến người dân trước khi hướng dẫn và trước khi chụp màn hình",
                "Người dân tự thao tác và tự nhập mã OTP, mật khẩu",
                "Ảnh chụp màn hình cho thấy kết quả: tài khoản đã kích hoạt hoặc hồ sơ đã nộp",
                "Đã che toàn bộ thông tin cá nhân của người dân trên ảnh",
                "Đã ghi chú ngắn về vướng mắc để tổ rút kinh nghiệm",
            ],
            "completion": "evidence",
            "evidence_hint": (
                "Một ảnh chụp màn hình (JPG hoặc PNG) đã che họ tên, số định danh cá nhân, số điện thoại, địa chỉ "
                "và mã QR của người dân."
            ),
        },
    ],
}
