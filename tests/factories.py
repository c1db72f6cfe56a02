"""factory_boy factories for test data."""

import datetime

import factory
from django.utils import timezone

from accounts.models import User
from applications.models import (
    Application,
    Company,
    Contact,
    Feedback,
    FeedbackThemeMark,
    Interview,
    Outcome,
    Status,
    StatusChange,
)

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(DEFAULT_PASSWORD)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Company {n}")
    industry = "Software"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    role = Contact.Role.RECRUITER
    company = factory.SubFactory(CompanyFactory, user=factory.SelfAttribute("..user"))


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application with its first status step, as application_create would write it."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory, user=factory.SelfAttribute("..user"))
    role_title = factory.Sequence(lambda n: f"Engineer {n}")
    date_applied = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    status = Status.APPLIED
    source = Application.Source.JOB_BOARD

    @factory.post_generation
    def first_step(application, create, extracted, **kwargs):
        if create:
            StatusChange.objects.create(
                application=application,
                from_status="",
                to_status=application.status,
                changed_at=timezone.make_aware(
                    datetime.datetime.combine(application.date_applied, datetime.time(9))
                ),
            )


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    application = factory.SubFactory(ApplicationFactory)
    stage = Interview._meta.get_field("stage").default
    scheduled_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2))
    duration_minutes = 45


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    application = factory.SubFactory(ApplicationFactory)
    result = Outcome.Result.REJECTED
    decided_on = factory.LazyFunction(timezone.localdate)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback
        skip_postgeneration_save = True

    application = factory.SubFactory(ApplicationFactory)
    requested_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    received_on = factory.LazyFunction(timezone.localdate)
    from_whom = "Recruiter"
    content = "Strong skills, but another candidate had more experience."

    @factory.post_generation
    def themes(feedback, create, extracted, **kwargs):
        if create and extracted:
            FeedbackThemeMark.objects.bulk_create(
                [FeedbackThemeMark(feedback=feedback, theme=theme) for theme in extracted]
            )


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reflections.Reflection"

    application = factory.SubFactory(ApplicationFactory, status=Status.REJECTED)
    user = factory.SelfAttribute("application.user")
    trigger = "rejection"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reflections.ActionItem"

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Next step {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reflections.Question"

    user = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Tell me about a time you solved problem {n}.")
    category = "behavioural"
