"""Course 3: Ứng dụng nền tảng số trong công tác nắm tình hình nhân dân (sequential, evidence practice)."""

_PRINCIPLES = [
    {
        "type": "paragraph",
        "value": (
            "<p>Nắm tình hình nhân dân là nắm được tâm tư, nguyện vọng và những vấn đề người dân quan tâm ở địa "
            "bàn, để kịp thời phản ánh và tham mưu giải quyết. Khi người dân ngày càng trao đổi qua nhóm trò "
            "chuyện, mạng xã hội và biểu mẫu trực tuyến, nền tảng số mở thêm kênh để cán bộ lắng nghe nhanh hơn, "
            "rộng hơn.</p>"
            "<p>Nhưng trên môi trường số, thông tin cũng dễ bị thổi phồng, lặp lại hoặc bị lộ. Vì vậy cần giữ "
            "vững ba nguyên tắc.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Chính xác", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Ghi đúng điều người dân nói, không thêm bớt, không suy diễn. Phân biệt rõ điều đã được xác minh "
            "với điều mới là ý kiến hay tin đồn. Ghi kèm thời điểm, kênh tiếp nhận và địa bàn thôn, tổ dân "
            "phố.</p>"
            "<p>Một ý kiến được chia sẻ hai mươi lần trong nhóm vẫn chỉ là một ý kiến, không phải hai mươi.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Khách quan", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Lắng nghe cả ý kiến đồng tình và chưa đồng tình, cả những nhóm ít lên tiếng như người cao tuổi, "
            "người không dùng mạng. Người nói nhiều nhất trên mạng chưa chắc đại diện cho số đông; hãy kết hợp "
            "với gặp gỡ trực tiếp để có bức tranh đầy đủ.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Bảo mật", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Nội dung người dân cung cấp và danh tính người cung cấp phải được giữ kín, chỉ chia sẻ với người "
            "có trách nhiệm. Tài liệu tổng hợp lưu ở nơi cơ quan cho phép, không đưa vào nhóm chat chung. Bài "
            "học cuối của khóa học sẽ nói kỹ hơn về việc này.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Kết hợp trực tiếp và trực tuyến",
            "text": (
                "<p>Nền tảng số không thay thế việc đến từng hộ, dự họp thôn, tổ dân phố. Kênh số giúp phát hiện "
                "sớm; gặp trực tiếp giúp hiểu sâu.</p>"
            ),
        },
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Bốn bước của một vòng nắm tình hình",
            "steps": [
                {
                    "text": "<p><strong>Tiếp nhận</strong>: ghi lại ý kiến từ mọi kênh vào một nơi thống nhất.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": ("<p><strong>Xác minh</strong>: đối chiếu, hỏi lại, kiểm tra thực tế khi cần.</p>"),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Tổng hợp và báo cáo</strong>: phân loại, đánh giá mức độ, báo cáo đúng cấp, "
                        "đúng thời hạn.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Phản hồi</strong>: thông tin lại cho người dân kết quả tiếp thu, giải quyết.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Chính xác: ghi đúng điều người dân nói, tách sự việc đã xác minh khỏi ý kiến và tin đồn.",
                "Khách quan: nghe cả nhóm ít lên tiếng, không chỉ người nói nhiều trên mạng.",
                "Bảo mật: giữ kín nội dung và danh tính người cung cấp thông tin.",
                "Kênh số giúp phát hiện sớm; gặp trực tiếp giúp hiểu sâu.",
                "Một vòng nắm tình hình: tiếp nhận, xác minh, tổng hợp báo cáo, phản hồi.",
            ],
        },
    },
]

_CHANNELS = [
    {
        "type": "paragraph",
        "value": (
            "<p>Người dân có nhiều cách gửi phản ánh, kiến nghị. Mỗi kênh có thế mạnh và điểm cần lưu ý riêng. "
            "Cán bộ nên biết dùng từng kênh và gom thông tin về một đầu mối.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Nhóm trao đổi của khu dân cư", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Nhóm Zalo hoặc nhóm mạng xã hội của thôn, tổ dân phố là nơi người dân trao đổi hằng ngày. Ưu "
            "điểm: nhanh, đông người tham gia. Hạn chế: tin trôi nhanh, dễ lẫn tin đồn, và người dân ngại nêu "
            "chuyện riêng trước đông người.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Quản trị nhóm hiệu quả",
            "text": (
                "<p>Đặt nội quy nhóm ngắn gọn và ghim lên đầu; có ít nhất hai người quản trị; hướng dẫn người dân "
                "nhắn riêng cho cán bộ khi phản ánh việc liên quan đến cá nhân, gia đình.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Biểu mẫu trực tuyến", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Biểu mẫu trực tuyến, chẳng hạn Google Forms, Microsoft Forms hoặc biểu mẫu trên trang thông tin "
            "của xã, phù hợp khi cần lấy ý kiến về một việc cụ thể như giờ thu gom rác hay vị trí lắp đèn đường. "
            "Câu trả lời tự về bảng tính nên rất dễ tổng hợp.</p>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Lập một biểu mẫu lấy ý kiến",
            "steps": [
                {
                    "text": "<p>Xác định một vấn đề chính và mục đích lấy ý kiến.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Viết từ ba đến sáu câu hỏi ngắn; kết hợp câu hỏi lựa chọn với một câu để người dân "
                        "tự viết ý kiến.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Chỉ hỏi thông tin cá nhân khi thật cần, ghi rõ dùng để làm gì; cho phép không ghi tên "
                        "nếu được.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Nhờ hai đồng nghiệp trả lời thử, sửa những câu khó hiểu.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Chia sẻ đường link kèm mã QR qua nhóm của thôn, bảng tin nhà văn hóa, loa truyền "
                        "thanh; nêu rõ hạn trả lời.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {"type": "heading", "value": {"text": "Đường dây nóng và các kênh khác", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Đường dây nóng của xã, phường phù hợp với việc khẩn cấp và với người không dùng mạng. Cần có "
            "người trực và ghi lại từng cuộc gọi.</p>"
            "<p>Ngoài ra còn có hòm thư góp ý, tài khoản chính thức của xã, phường trên mạng xã hội, chức năng "
            "phản ánh trên các ứng dụng của tỉnh, và tất nhiên là tiếp dân trực tiếp.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Một đầu mối, một sổ theo dõi",
            "text": (
                "<p>Dù ý kiến đến từ kênh nào, hãy ghi vào cùng một bảng theo dõi để tránh bỏ sót hoặc trùng "
                "lặp. Bài học tiếp theo hướng dẫn cách lập bảng này.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Nhóm khu dân cư nhanh nhưng dễ lẫn tin đồn; việc riêng nên nhắn riêng.",
                "Biểu mẫu trực tuyến hợp với việc lấy ý kiến về một vấn đề cụ thể.",
                "Biểu mẫu chỉ hỏi thông tin cá nhân khi thật cần và nói rõ mục đích.",
                "Đường dây nóng cần người trực và sổ ghi từng cuộc gọi.",
                "Mọi kênh đổ về một bảng theo dõi chung.",
            ],
        },
    },
]

_SPREADSHEET = [
    {
        "type": "paragraph",
        "value": (
            "<p>Khi ý kiến đến từ nhiều kênh, bảng tính như Excel hay Google Sheets giúp cán bộ sắp xếp, đếm và "
            "lọc nhanh, không sót việc. Không cần biết công thức phức tạp; chỉ cần thiết kế bảng đúng ngay từ "
            "đầu.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Thiết kế bảng theo dõi", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Mỗi dòng là một ý kiến, mỗi cột là một loại thông tin. Gợi ý các cột:</p>"
            "<ul>"
            "<li>Mã ý kiến, ví dụ T3-015 là ý kiến thứ mười lăm của thôn 3.</li>"
            "<li>Ngày tiếp nhận và kênh tiếp nhận.</li>"
            "<li>Thôn, tổ dân phố.</li>"
            "<li>Lĩnh vực: đất đai, môi trường, an ninh trật tự, chính sách xã hội, hạ tầng, khác.</li>"
            "<li>Nội dung tóm tắt trong một đến hai câu.</li>"
            "<li>Mức độ: bình thường, cần chú ý, khẩn cấp.</li>"
            "<li>Đơn vị xử lý, trạng thái và ngày phản hồi.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Tách riêng thông tin người cung cấp",
            "text": (
                "<p>Không ghi họ tên, số điện thoại người cung cấp vào bảng dùng chung. Nếu cần liên hệ lại, lưu "
                "ở một bảng riêng có mật khẩu, chỉ người phụ trách được mở, và nối với bảng chính bằng mã ý "
                "kiến.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Phân loại thống nhất", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Dùng danh sách chọn sẵn (chức năng xác thực dữ liệu) cho các cột lĩnh vực, mức độ, trạng thái. "
            "Nhờ vậy mọi người ghi giống nhau, không có “Môi trường” ở dòng này và “MT” ở dòng khác.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Tổng hợp nhanh", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Đếm ý kiến theo lĩnh vực và địa bàn",
            "steps": [
                {
                    "text": "<p>Chọn dòng tiêu đề, bật Bộ lọc để lọc theo thôn, lĩnh vực hoặc trạng thái.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Ở một ô trống, dùng hàm COUNTIF để đếm, ví dụ đếm số dòng có chữ “Môi trường” ở cột "
                        "lĩnh vực. Tùy cài đặt máy, dấu ngăn cách trong công thức là dấu phẩy hoặc dấu chấm "
                        "phẩy.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Muốn có bảng chéo theo thôn và lĩnh vực, dùng Bảng tổng hợp (PivotTable): kéo cột "
                        "thôn vào hàng, cột lĩnh vực vào cột.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Vẽ một biểu đồ cột đơn giản nếu báo cáo cần hình minh họa.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {"type": "heading", "value": {"text": "Viết báo cáo ngắn", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Một báo cáo tốt thường gồm: tổng số ý kiến, chia theo lĩnh vực và địa bàn; ba vấn đề nổi bật, "
            "kèm ý kiến tiêu biểu đã bỏ thông tin cá nhân; những việc đã giải quyết; đề xuất.</p>"
            "<p>Viết ngắn, có số liệu, tách rõ sự việc với nhận định của người viết.</p>"
        ),
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Mỗi dòng một ý kiến, mỗi cột một loại thông tin, có mã ý kiến riêng.",
                "Thông tin người cung cấp lưu ở bảng riêng có mật khẩu.",
                "Dùng danh sách chọn sẵn để phân loại thống nhất.",
                "Bộ lọc, COUNTIF và Bảng tổng hợp là đủ cho phần lớn báo cáo.",
                "Báo cáo ngắn, có số liệu, tách sự việc với nhận định.",
            ],
        },
    },
]

_MONITORING = [
    {
        "type": "paragraph",
        "value": (
            "<p>Nhiều vấn đề ở cơ sở được bàn trên mạng trước khi được phản ánh chính thức: đường ngập, ô nhiễm, "
            "tranh chấp, thắc mắc về chính sách. Theo dõi dư luận xã hội trên mạng giúp cán bộ phát hiện sớm, "
            "báo cáo và tham mưu giải quyết từ khi vấn đề còn nhỏ.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Theo dõi ở đâu", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Các nhóm cộng đồng của thôn, tổ dân phố, nhóm phụ huynh, nhóm mua bán của địa phương mà cán bộ "
            "là thành viên.</li>"
            "<li>Trang, tài khoản chính thức của xã, phường và phần bình luận bên dưới.</li>"
            "<li>Trang tin, báo chí viết về địa phương.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Tôn trọng quyền riêng tư",
            "text": (
                "<p>Chỉ theo dõi thông tin công khai hoặc trong nhóm mà bạn tham gia với tư cách thành viên. "
                "Không lập tài khoản giả, không tìm cách vào nhóm kín, không thu thập chuyện đời tư của người "
                "dân. Mục đích là lắng nghe để giải quyết, không phải gây áp lực lên người góp ý.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Dấu hiệu cần chú ý", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Nhiều người cùng nhắc một vấn đề trong thời gian ngắn.</li>"
            "<li>Cảm xúc bức xúc tăng dần, lời lẽ ngày càng gay gắt.</li>"
            "<li>Thông tin sai về chủ trương, chính sách được chia sẻ nhiều.</li>"
            "<li>Lời kêu gọi tụ tập đông người hoặc ký đơn tập thể.</li>"
            "<li>Chuyện của địa phương được các trang ngoài địa bàn đăng lại.</li>"
            "</ul>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Khi phát hiện vấn đề",
            "steps": [
                {
                    "text": (
                        "<p><strong>Ghi nhận</strong>: chụp màn hình, lưu đường link, ghi thời điểm và mức độ "
                        "lan truyền.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Đánh giá sơ bộ</strong>: vấn đề gì, ở đâu, lan rộng đến mức nào, có phải "
                        "tin sai không.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Xác minh thực tế</strong>: hỏi trưởng thôn, tổ trưởng tổ dân phố hoặc đến "
                        "tận nơi.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Báo cáo</strong> theo phân cấp; việc khẩn cấp thì báo ngay bằng điện thoại "
                        "rồi bổ sung bằng văn bản.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Tiếp tục theo dõi</strong> sau khi đã có biện pháp, ghi nhận chuyển biến.</p>"
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
            "title": "Đặt giờ theo dõi cố định",
            "text": (
                "<p>Dành mười lăm phút mỗi sáng và mỗi chiều để điểm lại các nhóm chính, thay vì xem rải rác "
                "cả ngày.</p>"
            ),
        },
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Không tranh luận với người dân bằng tài khoản cá nhân khi chưa có thông tin chính thức. Vai trò "
            "của cán bộ là lắng nghe, xác minh và đưa thông tin đúng đến nơi cần.</p>"
        ),
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Theo dõi nhóm cộng đồng, trang chính thức của xã, phường và báo chí về địa phương.",
                "Chỉ theo dõi thông tin công khai hoặc nhóm mình là thành viên; tôn trọng đời tư.",
                "Chú ý khi nhiều người cùng nhắc một việc, cảm xúc bức xúc tăng hoặc tin sai lan rộng.",
                "Ghi nhận, đánh giá, xác minh, báo cáo, tiếp tục theo dõi.",
                "Không tranh luận bằng tài khoản cá nhân khi chưa có thông tin chính thức.",
            ],
        },
    },
]

_FEEDBACK = [
    {
        "type": "paragraph",
        "value": (
            "<p>Người dân sẵn lòng góp ý khi thấy ý kiến của mình được lắng nghe. Nếu gửi phản ánh mà không nhận "
            "được hồi âm, lần sau họ sẽ im lặng hoặc đi nói ở nơi khác. Phản hồi là bước khép lại vòng nắm tình "
            "hình nhân dân và là cách xây dựng niềm tin vào chính quyền số.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Ba mốc phản hồi", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Phản hồi theo ba mốc",
            "steps": [
                {
                    "text": (
                        "<p><strong>Xác nhận đã nhận</strong>: trả lời ngay hoặc trong ngày, cảm ơn và cho biết "
                        "ai sẽ xử lý.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Cập nhật tiến độ</strong>: nếu chưa giải quyết ngay được, cho biết việc "
                        "đang ở đâu và dự kiến khi nào có kết quả.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Thông báo kết quả</strong>: nói rõ kết quả, lý do nếu chưa giải quyết được, "
                        "và người dân có thể làm gì tiếp theo.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {"type": "heading", "value": {"text": "Viết phản hồi dễ hiểu", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Ngắn gọn, lịch sự, dùng từ ngữ quen thuộc; tránh trích dẫn văn bản dài. Nói rõ việc gì, bao giờ, "
            "ai liên hệ. Nếu chưa có câu trả lời, nói thật là đang tìm hiểu; không hứa điều không chắc làm "
            "được.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Một mẫu câu",
            "text": (
                "<p><em>“Cảm ơn bác đã phản ánh về đoạn đường ngập ở đầu ngõ. Ý kiến đã được chuyển lên Ủy ban "
                "nhân dân xã. Cháu sẽ báo lại bác kết quả trong tuần này.”</em></p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Chọn kênh phù hợp", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Ý kiến riêng thì phản hồi riêng: nhắn tin, gọi điện hoặc gặp trực tiếp. Vấn đề chung của nhiều "
            "người thì thông tin công khai trong nhóm của thôn, tổ dân phố, trên loa truyền thanh hoặc bảng tin. "
            "Với người không dùng mạng, phản hồi trực tiếp hoặc qua người thân.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Khi phản hồi công khai",
            "text": (
                "<p>Không nêu tên, số điện thoại hay chi tiết giúp nhận ra người đã phản ánh, trừ khi họ đồng ý. "
                "Chỉ nói về vấn đề và cách giải quyết.</p>"
            ),
        },
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Sau khi phản hồi, cập nhật cột trạng thái và ngày phản hồi trong bảng theo dõi. Cuối tháng, tỷ "
            "lệ ý kiến đã được phản hồi là một số liệu nên có trong báo cáo.</p>"
        ),
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Phản hồi theo ba mốc: đã nhận, đang xử lý, kết quả.",
                "Viết ngắn, lịch sự, nói rõ việc gì, bao giờ, ai liên hệ.",
                "Không hứa điều không chắc làm được.",
                "Ý kiến riêng phản hồi riêng; vấn đề chung thông tin công khai.",
                "Phản hồi công khai không để lộ người đã phản ánh.",
            ],
        },
    },
]

_CONFIDENTIALITY = [
    {
        "type": "paragraph",
        "value": (
            "<p>Người dân chỉ nói thật khi tin rằng mình được bảo vệ. Một lần để lộ danh tính người phản ánh có "
            "thể làm mất lòng tin của cả thôn, thậm chí gây phiền phức, nguy hiểm cho chính người đó. Giữ bí mật "
            "là trách nhiệm, không phải việc tùy ý.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Những gì cần giữ kín", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Danh tính, số điện thoại, địa chỉ của người cung cấp thông tin.</li>"
            "<li>Nội dung liên quan đến đời tư, tố cáo, mâu thuẫn trong gia đình, dòng họ, hàng xóm.</li>"
            "<li>Báo cáo tổng hợp tình hình chưa được phép công bố.</li>"
            "<li>Tài liệu thuộc danh mục bí mật theo quy định của cơ quan.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Tài liệu mật không đưa lên mạng",
            "text": (
                "<p>Tài liệu có nội dung bí mật nhà nước không được soạn thảo, lưu trữ hay gửi qua máy tính, "
                "điện thoại có kết nối Internet, nhóm chat hay thư điện tử công cộng. Làm đúng quy chế bảo vệ bí "
                "mật của cơ quan; khi chưa rõ, hỏi lãnh đạo trực tiếp.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Thói quen bảo mật hằng ngày", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Năm thói quen",
            "steps": [
                {
                    "text": "<p>Dùng mã ý kiến thay cho tên người trong báo cáo và bảng tổng hợp.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Chia sẻ tệp đúng người, đúng quyền (chỉ xem hay được sửa); không để chế độ “ai có "
                        "đường link cũng xem được”.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Đọc kỹ tên người nhận, tên nhóm trước khi bấm gửi; gửi nhầm nhóm là lỗi hay gặp nhất.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Không chuyển tiếp nguyên văn tin nhắn hay ảnh chụp màn hình có tên người phản ánh; "
                        "hãy tóm tắt lại nội dung.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": ("<p>Khóa máy khi rời chỗ ngồi; xóa dữ liệu khi hết thời hạn lưu giữ theo hướng dẫn.</p>"),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {"type": "heading", "value": {"text": "Khi lỡ để lộ thông tin", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Thu hồi ngay tin nhắn, tệp đã gửi nhầm nếu còn làm được. Báo ngay người phụ trách. Khi cần, trao "
            "đổi với người bị ảnh hưởng để có biện pháp bảo vệ họ.</p>"
            "<p>Đừng che giấu: xử lý sớm luôn giúp hạn chế thiệt hại.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Hỏi khi chưa chắc",
            "text": (
                "<p>Nếu không rõ một thông tin có được chia sẻ hay không, hãy hỏi lãnh đạo trực tiếp trước khi "
                "gửi. Chậm vài phút vẫn hơn để lộ thông tin.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Danh tính người cung cấp thông tin luôn được giữ kín.",
                "Tài liệu mật không soạn, lưu hay gửi trên thiết bị kết nối Internet.",
                "Dùng mã ý kiến thay cho tên; chia sẻ tệp đúng người, đúng quyền.",
                "Đọc kỹ người nhận trước khi gửi; tóm tắt thay vì chuyển tiếp nguyên văn.",
                "Lỡ để lộ: thu hồi, báo ngay người phụ trách, không che giấu.",
            ],
        },
    },
]

COURSE = {
    "slug": "nen-tang-so-nam-tinh-hinh",
    "title": "Ứng dụng nền tảng số trong công tác nắm tình hình nhân dân",
    "intro": (
        "<p>Khóa học dành cho cán bộ tuyên giáo, dân vận và cán bộ Mặt trận ở xã, phường, thôn, tổ dân phố. "
        "Bạn sẽ học cách dùng nền tảng số để tiếp nhận, phân loại, báo cáo và phản hồi ý kiến của người dân.</p>"
        "<p>Xuyên suốt khóa học là ba nguyên tắc: <strong>chính xác, khách quan, bảo mật</strong>. Các bài học "
        "nối tiếp nhau và kết thúc bằng một bài thực hành lấy ý kiến người dân có thật.</p>"
    ),
    "outcomes": (
        "<ul>"
        "<li>Áp dụng nguyên tắc chính xác, khách quan, bảo mật khi nắm tình hình nhân dân trên môi trường số.</li>"
        "<li>Tiếp nhận phản ánh, kiến nghị qua nhóm khu dân cư, biểu mẫu trực tuyến và đường dây nóng.</li>"
        "<li>Phân loại, tổng hợp ý kiến bằng bảng tính và viết báo cáo ngắn có số liệu.</li>"
        "<li>Theo dõi dư luận xã hội trên mạng để phát hiện sớm vấn đề nảy sinh ở cơ sở.</li>"
        "<li>Phản hồi người dân kịp thời và giữ bí mật người cung cấp thông tin.</li>"
        "</ul>"
    ),
    "topic": "civic_engagement",
    "level": "intermediate",
    "audience": "propaganda",
    "estimated_minutes": 160,
    "hours": "6",
    "sequential": True,
    "steps": [
        {
            "kind": "lesson",
            "slug": "nguyen-tac-nam-tinh-hinh-nhan-dan",
            "title": "Nguyên tắc nắm tình hình nhân dân trong môi trường số",
            "summary": "Chính xác, khách quan, bảo mật: ba nguyên tắc khi lắng nghe người dân qua kênh số.",
            "estimated_minutes": 10,
            "body": _PRINCIPLES,
        },
        {
            "kind": "lesson",
            "slug": "kenh-tiep-nhan-y-kien",
            "title": "Các kênh tiếp nhận ý kiến, phản ánh, kiến nghị",
            "summary": "Nhóm trao đổi của khu dân cư, biểu mẫu trực tuyến, đường dây nóng: dùng kênh nào, lưu ý gì.",
            "estimated_minutes": 12,
            "body": _CHANNELS,
        },
        {
            "kind": "lesson",
            "slug": "phan-loai-tong-hop-bao-cao-bang-bang-tinh",
            "title": "Phân loại, tổng hợp và báo cáo bằng bảng tính",
            "summary": "Lập bảng theo dõi ý kiến, phân loại thống nhất, đếm nhanh và viết báo cáo ngắn.",
            "estimated_minutes": 15,
            "body": _SPREADSHEET,
        },
        {
            "kind": "lesson",
            "slug": "theo-doi-du-luan-tren-mang",
            "title": "Theo dõi dư luận trên mạng và phát hiện sớm vấn đề nảy sinh ở cơ sở",
            "summary": "Theo dõi ở đâu, dấu hiệu nào cần chú ý và làm gì khi phát hiện vấn đề.",
            "estimated_minutes": 12,
            "body": _MONITORING,
        },
        {
            "kind": "lesson",
            "slug": "phan-hoi-va-thong-tin-lai-cho-nguoi-dan",
            "title": "Phản hồi và thông tin lại cho người dân",
            "summary": "Khép lại vòng nắm tình hình: phản hồi đúng lúc, đúng kênh, dễ hiểu.",
            "estimated_minutes": 10,
            "body": _FEEDBACK,
        },
        {
            "kind": "lesson",
            "slug": "giu-bi-mat-thong-tin-va-nguoi-cung-cap",
            "title": "Giữ bí mật thông tin và người cung cấp thông tin",
            "summary": "Những gì phải giữ kín, thói quen bảo mật hằng ngày và cách xử lý khi lỡ để lộ.",
            "estimated_minutes": 10,
            "body": _CONFIDENTIALITY,
        },
        {
            "kind": "practice",
            "slug": "lay-y-kien-nguoi-dan-bang-bieu-mau",
            "title": "Lấy ý kiến người dân bằng biểu mẫu trực tuyến",
            "estimated_minutes": 90,
            "is_required": True,
            "instructions": (
                "<p>Bài thực hành đi trọn một vòng nắm tình hình nhân dân: tiếp nhận, tổng hợp, báo cáo và phản "
                "hồi. Tổ trưởng sẽ xem minh chứng và xác nhận.</p>"
                "<ol>"
                "<li>Chọn một vấn đề cụ thể của khu dân cư nơi bạn phụ trách, ví dụ giờ thu gom rác, vị trí lắp "
                "đèn đường hay lịch sinh hoạt ở nhà văn hóa; thống nhất với trưởng thôn hoặc tổ trưởng tổ dân "
                "phố.</li>"
                "<li>Lập biểu mẫu trực tuyến từ ba đến sáu câu hỏi ngắn; ghi rõ mục đích ở đầu biểu mẫu; chỉ hỏi "
                "thông tin cá nhân khi thật cần.</li>"
                "<li>Gửi đường link hoặc mã QR cho người dân qua nhóm của thôn, tổ dân phố; giúp người chưa quen "
                "điện thoại điền trực tiếp.</li>"
                "<li>Thu <strong>ít nhất năm ý kiến</strong>.</li>"
                "<li>Chuyển câu trả lời sang bảng tính, phân loại theo nội dung và đếm số ý kiến mỗi loại.</li>"
                "<li>Viết báo cáo ngắn, không quá một trang: số ý kiến, các ý chính, đề xuất.</li>"
                "<li>Tải lên báo cáo và một ảnh chụp bảng tổng hợp. <strong>Che họ tên, số điện thoại và mọi "
                "thông tin giúp nhận ra người trả lời</strong> trước khi tải lên.</li>"
                "<li>Thông tin lại kết quả tổng hợp cho người dân đã tham gia.</li>"
                "</ol>"
            ),
            "checklist": [
                "Biểu mẫu nêu rõ mục đích và chỉ hỏi thông tin cần thiết",
                "Đã thu ít nhất năm ý kiến",
                "Ý kiến đã được phân loại và đếm trong bảng tính",
                "Báo cáo ngắn có số liệu, các ý chính và đề xuất",
                "Đã che thông tin cá nhân của người trả lời trong mọi tệp tải lên",
                "Đã thông tin lại kết quả cho người dân",
            ],
            "completion": "evidence",
            "evidence_hint": (
                "Báo cáo ngắn (PDF, Word hoặc ảnh chụp) và ảnh chụp bảng tổng hợp, đã che họ tên, số điện thoại "
                "của người trả lời."
            ),
        },
    ],
}
