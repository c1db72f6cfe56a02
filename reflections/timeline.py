"""The reflection domain's events on an application's timeline: its reflections and the
follow-ups sent. Registered with the tracking domain from ReflectionsConfig.ready()."""

from django.db.models import Prefetch

from applications.models import Application
from applications.selectors.history import TimelineEvent, TimelineSource, at_noon
from reflections.models import FollowUp, Reflection

EVENTS_TEMPLATE = "reflections/_timeline_events.html"


def reflection_events(application: Application) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            reflection.created_at, "reflection", reflection, f"{EVENTS_TEMPLATE}#reflection_event"
        )
        for reflection in application.reflections.all()
    ]


def follow_up_events(application: Application) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            at_noon(follow_up.sent_on), "follow_up", follow_up, f"{EVENTS_TEMPLATE}#follow_up_event"
        )
        for follow_up in application.follow_ups.all()
    ]


TIMELINE_SOURCES = [
    TimelineSource(
        prefetch=Prefetch("reflections", queryset=Reflection.objects.select_related("interview")),
        events=reflection_events,
    ),
    TimelineSource(
        prefetch=Prefetch("follow_ups", queryset=FollowUp.objects.all()), events=follow_up_events
    ),
]
