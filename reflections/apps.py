from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Reflections"

    def ready(self) -> None:
        # The tracking domain shows reflections and follow-ups on an application's timeline
        # without importing this app: it is told about them here, once.
        from applications.selectors.history import timeline_source_register
        from reflections.timeline import TIMELINE_SOURCES

        for source in TIMELINE_SOURCES:
            timeline_source_register(source)
