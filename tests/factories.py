"""Factories for the foundation's models. Each builds the smallest valid object."""

import factory
from django.contrib.auth.models import Group

from accounts.models import ManagerScope, Team, TeamMembership, Unit, User
from localities.models import Commune, Province

PASSWORD = "mat-khau-thu-nghiem-42"


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province

    code = factory.Sequence(lambda n: f"9{n:02d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = Commune.Kind.COMMUNE
    province = factory.SubFactory(ProvinceFactory)
    latitude = "21.180000"
    longitude = "106.070000"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = "Ban Tuyên giáo và Dân vận"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    commune = factory.SubFactory(CommuneFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Tổ công nghệ số cộng đồng số {n}")


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)


class ManagerScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagerScope

    user = factory.SubFactory(UserFactory, roles=["Managers"])
