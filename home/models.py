from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from accounts.access import PUBLIC, AccessControlledPage


class HomePage(AccessControlledPage, Page):
    """The site's front page: what the platform is for, and the way in for cadres."""

    access_rule = PUBLIC

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    body = RichTextField(_("nội dung"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count_per_parent = 1
    subpage_types = ["courses.CourseIndexPage"]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_view_restrictions(self):
        # One query instead of Wagtail's two (courses.view_restrictions).
        from courses.view_restrictions import view_restrictions

        return view_restrictions(self)


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who runs this deployment: shown in the header, footer and on certificates."""

    name = models.CharField(_("tên cơ quan"), max_length=200, default="Ban Tuyên giáo và Dân vận")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=40, blank=True)
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("contact_phone"), FieldPanel("contact_email"), FieldPanel("address")], heading=_("Liên hệ")
        ),
    ]

    class Meta:
        verbose_name = _("thông tin cơ quan")
