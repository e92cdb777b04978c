"""Demo wording for the home page."""

from home.models import HomePage

HOME_BODY = (
    "<h2>Học ở đâu, lúc nào cũng được</h2>"
    "<p>Mỗi khóa học gồm các bài học ngắn, bài thực hành và bài kiểm tra, đọc tốt trên điện thoại "
    "và dùng được cả khi mạng yếu.</p>"
    "<ul>"
    "<li>Sử dụng định danh điện tử, dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.</li>"
    "<li>Bảo vệ tài khoản và dữ liệu cá nhân của mình và của người dân.</li>"
    "<li>Ứng dụng nền tảng số trong công tác nắm tình hình nhân dân.</li>"
    "</ul>"
    "<p>Hoàn thành khóa học, bạn nhận chứng nhận có mã QR để bất kỳ ai cũng kiểm tra được.</p>"
)


def seed_home_page() -> HomePage:
    home = HomePage.objects.get()
    if home.body != HOME_BODY:
        home.body = HOME_BODY
        home.save_revision().publish()
    return home
