"""applications/selectors/progress.py: the per-row and the grouped forms of "how far it got"
select the same applications, on data that takes every path to every milestone."""

import itertools

import pytest

from applications.models import Application, Milestone, Outcome, Stage, Status
from applications.selectors.progress import (
    first_interview_decided_by_progress,
    first_interview_passed_by_progress,
    reached_by_progress,
    where_first_interview_decided,
    where_first_interview_passed,
    where_reached,
    with_progress,
)
from applications.services import application_change_status
from tests.factories import ApplicationFactory, InterviewFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

STATUS_PATHS = [
    [],
    [Status.SCREENING],
    [Status.INTERVIEWING],
    [Status.SCREENING, Status.INTERVIEWING, Status.OFFER],
    [Status.OFFER, Status.ACCEPTED],
    [Status.REJECTED],
    [Status.SCREENING, Status.WITHDRAWN],
]
INTERVIEW_SETS = [
    [],
    [Stage.PHONE_SCREEN],
    [Stage.TECHNICAL],
    [Stage.RECRUITER_SCREEN, Stage.FINAL],
    [Stage.PANEL, Stage.ON_SITE, Stage.OTHER],
]


@pytest.fixture
def every_path(alice, bob):
    """One application per combination of status path, interviews and an offer outcome."""
    combinations = itertools.product(STATUS_PATHS, INTERVIEW_SETS, [False, True])
    for steps, stages, offer_outcome in combinations:
        application = ApplicationFactory(user=alice)
        for status in steps:
            application_change_status(application=application, status=status)
        for stage in stages:
            InterviewFactory(application=application, stage=stage)
        if offer_outcome and not hasattr(application, "outcome"):
            OutcomeFactory(application=application, result=Outcome.Result.OFFER)
    ApplicationFactory(user=bob)
    return Application.objects.filter(user=alice)


def ids(applications) -> set[int]:
    return set(applications.values_list("pk", flat=True))


@pytest.mark.parametrize("milestone", list(Milestone))
def test_reached_per_row_and_grouped_agree(every_path, milestone):
    per_row = ids(every_path.filter(where_reached(milestone)))
    grouped = ids(with_progress(every_path).filter(reached_by_progress(milestone)))
    assert per_row == grouped
    assert 0 < len(per_row) < every_path.count()  # the data can tell a wrong condition apart


@pytest.mark.parametrize(
    ("per_row", "grouped"),
    [
        (where_first_interview_passed, first_interview_passed_by_progress),
        (where_first_interview_decided, first_interview_decided_by_progress),
    ],
)
def test_first_interview_per_row_and_grouped_agree(every_path, per_row, grouped):
    by_row = ids(every_path.filter(per_row()))
    by_group = ids(with_progress(every_path).filter(grouped()))
    assert by_row == by_group
    assert 0 < len(by_row) < every_path.count()


def test_each_step_holds_the_applications_of_the_steps_after_it(every_path):
    """The funnel never widens: an offer outcome alone still counts at every earlier step."""
    milestones = list(Milestone)
    for earlier, later in itertools.pairwise(milestones):
        assert ids(every_path.filter(where_reached(later))) <= ids(
            every_path.filter(where_reached(earlier))
        ), (earlier, later)


def test_the_pass_rate_never_decides_more_than_had_an_interview(every_path):
    interviewed = ids(every_path.filter(where_reached(Milestone.INTERVIEW)))
    decided = ids(every_path.filter(where_first_interview_decided()))
    passed = ids(every_path.filter(where_first_interview_passed()))
    assert passed <= decided <= interviewed
    # A phone screen followed by a rejection is decided: the data checks the rule.
    screened_out = {
        application.pk
        for application in every_path.filter(status=Status.REJECTED)
        if [interview.stage for interview in application.interviews.all()] == [Stage.PHONE_SCREEN]
    }
    assert screened_out
    assert screened_out <= decided


@pytest.mark.parametrize("stage", [Stage.PHONE_SCREEN, Stage.RECRUITER_SCREEN])
def test_a_screen_is_an_interview_in_both_forms(alice, stage):
    screened = ApplicationFactory(user=alice)
    InterviewFactory(application=screened, stage=stage)
    ApplicationFactory(user=alice)
    applications = Application.objects.filter(user=alice)
    for milestone in (Milestone.SCREENING, Milestone.INTERVIEW):
        assert ids(applications.filter(where_reached(milestone))) == {screened.pk}
        assert ids(with_progress(applications).filter(reached_by_progress(milestone))) == {
            screened.pk
        }
    assert not applications.filter(where_reached(Milestone.FINAL)).exists()
