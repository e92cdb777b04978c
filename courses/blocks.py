"""Lesson blocks: what a trainer puts in a lesson, each with its template, icon and preview.

What a template needs (file sizes, durations, word counts) is computed here on
StructValue subclasses, not in the templates.
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

LESSON_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


def file_size(document) -> int:
    if document is None:
        return 0
    if document.file_size is not None:
        return document.file_size
    # Not Wagtail's get_file_size(): it saves the document when the size is missing, and showing
    # a lesson writes nothing (docs/courses.md).
    try:
        return document.file.size
    except (OSError, ValueError):
        return 0


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tiêu đề"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Cấp"), choices=[("h2", _("Tiêu đề mục")), ("h3", _("Tiêu đề phụ"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Tiêu đề")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Định danh điện tử là gì?", "level": "h2"}
        description = _("Tiêu đề chia bài học thành các mục ngắn.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=LESSON_RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>Tài khoản định danh điện tử mức 2 cho phép người dân thực hiện nhiều thủ tục hành chính "
            "mà không cần mang theo giấy tờ.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh cho người khiếm thị"), max_length=250, help_text=_("Mô tả ngắn những gì có trong ảnh.")
    )
    caption = blocks.CharBlock(label=_("Chú thích"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "blocks/image_block.html"
        preview_value = {"alt_text": "Màn hình ứng dụng", "caption": "Màn hình chính của ứng dụng"}


class VideoValue(blocks.StructValue):
    def duration_display(self) -> str:
        seconds = self.get("duration_seconds") or 0
        return f"{seconds // 60}:{seconds % 60:02d}"

    def size_display(self) -> str:
        return filesizeformat(file_size(self.get("video")))

    def low_bandwidth_size_display(self) -> str:
        return filesizeformat(file_size(self.get("low_bandwidth")))

    def audio_size_display(self) -> str:
        return filesizeformat(file_size(self.get("audio")))


class VideoBlock(blocks.StructBlock):
    """A self-hosted video: nothing streams from outside, and a lighter copy can be offered."""

    title = blocks.CharBlock(label=_("Tên video"), max_length=200)
    video = DocumentChooserBlock(label=_("Tệp video (MP4 hoặc WebM)"))
    poster = ImageChooserBlock(label=_("Ảnh đại diện"), required=False)
    duration_seconds = blocks.IntegerBlock(label=_("Thời lượng (giây)"), min_value=1)
    low_bandwidth = DocumentChooserBlock(label=_("Bản nhẹ cho mạng yếu"), required=False)
    audio = DocumentChooserBlock(label=_("Bản chỉ có tiếng"), required=False)
    transcript = blocks.RichTextBlock(label=_("Lời thoại"), features=LESSON_RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        value_class = VideoValue
        preview_value = {"title": "Kích hoạt tài khoản định danh điện tử", "duration_seconds": 185}


class ExternalEmbedValue(blocks.StructValue):
    def internet(self) -> bool:
        return settings.KNS_INTERNET_EMBEDS


class ExternalEmbedBlock(blocks.StructBlock):
    """An outside video or map: embedded only where the deployment reaches the internet, else a link."""

    url = blocks.URLBlock(label=_("Địa chỉ"))
    title = blocks.CharBlock(label=_("Tên"), max_length=200)

    class Meta:
        icon = "site"
        label = _("Nhúng từ bên ngoài")
        template = "blocks/external_embed_block.html"
        value_class = ExternalEmbedValue
        preview_value = {"url": "https://example.invalid/video", "title": "Video hướng dẫn"}
        description = _("Chỉ hiển thị dạng nhúng khi hệ thống được phép truy cập Internet.")


class DocumentValue(blocks.StructValue):
    def size_display(self) -> str:
        return filesizeformat(file_size(self.get("document")))

    def extension(self) -> str:
        document = self.get("document")
        return document.file_extension.upper() if document else ""


class DownloadBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tên tài liệu"), max_length=200)
    document = DocumentChooserBlock(label=_("Tài liệu"))

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu tải về")
        template = "blocks/download_block.html"
        value_class = DocumentValue
        preview_value = {"title": "Mẫu báo cáo tổng hợp ý kiến"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Loại"), choices=[("tip", _("Mẹo")), ("warning", _("Cảnh báo")), ("note", _("Lưu ý"))], default="tip"
    )
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Nội dung"), features=LESSON_RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Hộp lưu ý")
        template = "blocks/callout_block.html"
        preview_value = {
            "kind": "warning",
            "title": "Cảnh giác",
            "text": "<p>Cơ quan nhà nước không bao giờ yêu cầu cung cấp mã OTP qua điện thoại.</p>",
        }


class InstructionStepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("Việc cần làm"), features=LESSON_RICH_TEXT_FEATURES)
    screenshot = ImageChooserBlock(label=_("Ảnh màn hình"), required=False)
    screenshot_alt = blocks.CharBlock(label=_("Mô tả ảnh màn hình"), max_length=250, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Bước")


class StepByStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=200)
    steps = blocks.ListBlock(InstructionStepBlock(), label=_("Các bước"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Hướng dẫn từng bước")
        template = "blocks/step_by_step_block.html"
        preview_value = {
            "title": "Cài ứng dụng VNeID",
            "steps": [{"text": "<p>Mở kho ứng dụng trên điện thoại.</p>"}, {"text": "<p>Tìm “VNeID”.</p>"}],
        }


class KeyTakeawaysBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=120, default="Ghi nhớ")
    points = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Ý chính"), min_num=1)

    class Meta:
        icon = "tick-inverse"
        label = _("Ghi nhớ")
        template = "blocks/key_takeaways_block.html"
        preview_value = {"title": "Ghi nhớ", "points": ["Không chia sẻ mã OTP.", "Cập nhật ứng dụng thường xuyên."]}


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Thuật ngữ"), max_length=120)
    definition = blocks.TextBlock(label=_("Giải thích"))

    class Meta:
        icon = "help"
        label = _("Thuật ngữ")
        template = "blocks/glossary_term_block.html"
        preview_value = {"term": "OTP", "definition": "Mã xác thực dùng một lần, gửi qua tin nhắn hoặc ứng dụng."}


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    video = VideoBlock()
    embed = ExternalEmbedBlock()
    download = DownloadBlock()
    callout = CalloutBlock()
    step_by_step = StepByStepBlock()
    key_takeaways = KeyTakeawaysBlock()
    glossary_term = GlossaryTermBlock()


class ChecklistItemBlock(blocks.CharBlock):
    class Meta:
        icon = "tick"
        label = _("Việc cần làm")


# Values of these keys are settings, not words a learner reads.
_NON_TEXT_KEYS = {"level", "kind", "url", "type", "id"}


def stream_text(raw_data) -> str:
    """Plain text of a StreamField from its raw JSON: for reading time and the search index.

    Working on the raw data needs no query for images or documents.
    """
    parts: list[str] = []

    def walk(value, key=None):
        if key in _NON_TEXT_KEYS:
            return
        if isinstance(value, str):
            text = strip_tags(value).strip()
            if text:
                parts.append(text)
        elif isinstance(value, dict):
            for child_key, item in value.items():
                walk(item, child_key)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for child in raw_data or []:
        walk(child.get("value"))
    return " ".join(parts)
