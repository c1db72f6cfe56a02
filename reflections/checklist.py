"""The reflection checklist: one declarative definition, each item citing the advice it comes from.

The five articles in `shared/articles/` each give advice for what to do after a rejection; the
items below paraphrase that advice. Every item names the article by its title and the heading of
the section it comes from (the title alone for an article without headings).

Reflections store the checklist version they were made with, and every version stays defined
here, so a reflection made with an older version still displays after the checklist changes.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class ItemKind(StrEnum):
    ASSESSMENT = "assessment"  # went well / needs work / not applicable
    RATING = "rating"  # 1 to 5
    TEXT = "text"
    LIST = "list"  # one entry per line
    FACTOR = "factor"  # outside your control: played a part / did not / not sure
    STEP = "step"  # something to do: done / to do / not applicable
    REQUIREMENTS = "requirements"  # each requirement of the application: met / partly / missing


class Control(StrEnum):
    WITHIN = "within"
    OUTSIDE = "outside"


class Assessment(StrEnum):
    WENT_WELL = "went_well"
    NEEDS_WORK = "needs_work"
    NOT_APPLICABLE = "not_applicable"


class Factor(StrEnum):
    PLAYED_A_PART = "played_a_part"
    DID_NOT = "did_not"
    NOT_SURE = "not_sure"


class StepState(StrEnum):
    DONE = "done"
    TO_DO = "to_do"
    NOT_APPLICABLE = "not_applicable"


# The answers each kind of item takes, as (value, label).
CHOICES: dict[ItemKind, list[tuple[str, str]]] = {
    ItemKind.ASSESSMENT: [
        (Assessment.WENT_WELL, "Went well"),
        (Assessment.NEEDS_WORK, "Needs work"),
        (Assessment.NOT_APPLICABLE, "Not applicable"),
    ],
    ItemKind.FACTOR: [
        (Factor.PLAYED_A_PART, "Played a part"),
        (Factor.DID_NOT, "Did not"),
        (Factor.NOT_SURE, "Not sure"),
    ],
    ItemKind.STEP: [
        (StepState.DONE, "Done"),
        (StepState.TO_DO, "To do"),
        (StepState.NOT_APPLICABLE, "Not applicable"),
    ],
}
RATING_RANGE = range(1, 6)


@dataclass(frozen=True)
class Article:
    title: str
    publisher: str
    headings: tuple[str, ...]  # empty for an article without headings


@dataclass(frozen=True)
class Source:
    title: str
    heading: str = ""  # empty only for an article without headings

    def __str__(self) -> str:
        return f"{self.title} — {self.heading}" if self.heading else self.title


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    kind: ItemKind
    help: str
    sources: tuple[Source, ...]
    control: Control = Control.WITHIN


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    items: tuple[Item, ...] = field(default=())


OPN = "Didn't Pass my Interview: What's Next?"
HANDLING = "Handling Rejection After a Job Interview"
BOUNCE_BACK = "Bounce back from Rejection"
RESPOND = "How To Respond To Rejection After An Interview"
GREAT_INTERVIEW = "Rejected After a Great Interview: What Went Wrong and How to Handle It"

ARTICLES = (
    Article(
        OPN,
        "Opn (People team blog)",
        ("Dealing with Rejection", "Working on Feedback", "The Next Step", "Conclusion"),
    ),
    Article(
        HANDLING,
        "Job board blog",
        (
            "After the interview",
            "Why were you not hired?",
            "What to do now?",
            "Your resume matters more than you might think",
            "Turn the rejection into a job offer",
            "How to up your chances",
        ),
    ),
    Article(BOUNCE_BACK, "Guaranteed Jobs", ()),
    Article(
        RESPOND,
        "First2Recruit",
        (
            "Step 1: Ask if the Role Was What You Really Wanted",
            "Step 2: Reconsider Your Qualifications",
            "Step 3: Brush up on Your Interview Confidence",
            "Step 4: Look for Ways to Improve Next Time",
            "Step 5: Respond to your Interviewer",
            "Time to Refresh Your Career Plan?",
        ),
    ),
    Article(
        GREAT_INTERVIEW,
        "Career advice blog",
        (
            "1.1. The Fit Issue",
            "1.2. Internal Candidate Advantage",
            "1.3. Budget Constraints",
            "1.4. Interview Panel Dynamics",
            "2.1. Reflect and Seek Feedback",
            "2.2. Maintain Perspective",
            "2.3. Leverage Your Experience",
            "3.1. Stay Positive and Persistent",
            "3.2. Network and Build Relationships",
            "3.3. Seek Professional Help",
        ),
    ),
)

# The share of candidates who do not get past the first interview stage, as the article gives it.
FIRST_INTERVIEW_DROP_OUT = Source(RESPOND, "Step 3: Brush up on Your Interview Confidence")
FIRST_INTERVIEW_DROP_OUT_PERCENT = 40

A = ItemKind.ASSESSMENT

SECTIONS_V1 = (
    Section(
        "fit",
        "Fit",
        "Was this the job for you, and did it show?",
        (
            Item(
                "fit_really_wanted",
                "How much did you really want this role?",
                ItemKind.RATING,
                "A “close enough” role is hard to be passionate about, and interviewers notice.",
                (Source(RESPOND, "Step 1: Ask if the Role Was What You Really Wanted"),),
            ),
            Item(
                "fit_culture_concerns",
                "Concerns about the culture or the scope of the role",
                ItemKind.TEXT,
                "Anything about the company culture, or room to use your skills, that held you back.",
                (Source(RESPOND, "Step 1: Ask if the Role Was What You Really Wanted"),),
            ),
            Item(
                "fit_interest_came_across",
                "Your interest in the company came across",
                A,
                "Between similar candidates, the one whose interest was obvious often wins.",
                (
                    Source(RESPOND, "Step 1: Ask if the Role Was What You Really Wanted"),
                    Source(BOUNCE_BACK),
                ),
            ),
            Item(
                "fit_matched_needs",
                "Your skills and style matched what the team needed",
                A,
                "A mismatch with the team's needs or culture is about alignment, not your worth.",
                (Source(GREAT_INTERVIEW, "1.1. The Fit Issue"),),
            ),
        ),
    ),
    Section(
        "qualifications",
        "Qualifications gap",
        "Read the job description again and hold each requirement against your experience.",
        (
            Item(
                "requirements",
                "Each requirement of the role",
                ItemKind.REQUIREMENTS,
                "Taken from the application's requirements, one per line. Mark each met, partly or missing.",
                (Source(RESPOND, "Step 2: Reconsider Your Qualifications"),),
            ),
            Item(
                "skills_to_acquire",
                "Skills or credentials to acquire",
                ItemKind.LIST,
                "One per line. Showing an employer you are training already helps.",
                (Source(RESPOND, "Step 2: Reconsider Your Qualifications"),),
            ),
            Item(
                "experience_level",
                "Your experience matched the level of the role",
                A,
                "Another candidate may simply have had more experience; sometimes the answer is more time in the field first.",
                (
                    Source(HANDLING, "Why were you not hired?"),
                    Source(HANDLING, "How to up your chances"),
                ),
            ),
        ),
    ),
    Section(
        "preparation",
        "Preparation",
        "What you knew and had ready before the interview started.",
        (
            Item(
                "prep_company_research",
                "Researched the company, its history and the position",
                A,
                "Lack of research is one of the most common reasons candidates fail; it also lets you talk confidently about the company.",
                (
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                    Source(HANDLING, "How to up your chances"),
                    Source(BOUNCE_BACK),
                ),
            ),
            Item(
                "prep_dress_code",
                "Knew the dress code",
                A,
                "You can always ask HR beforehand what is appropriate.",
                (
                    Source(HANDLING, "What to do now?"),
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                ),
            ),
            Item(
                "prep_video_ready",
                "Technology ready for a video call",
                A,
                "Camera, microphone and link tested before the start, not during it.",
                (Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),),
            ),
            Item(
                "prep_on_time",
                "Arrived on time",
                A,
                "Being late is one of the few reasons you can be sure of.",
                (
                    Source(BOUNCE_BACK),
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                ),
            ),
        ),
    ),
    Section(
        "performance",
        "Interview performance",
        "Go back over the conversation, as objectively as you can.",
        (
            Item(
                "perf_common_questions",
                "Answers to the common questions",
                A,
                "“Why should we hire you?”, “Why do you want this job?”, “Where do you see yourself in five years?”",
                (Source(HANDLING, "How to up your chances"),),
            ),
            Item(
                "perf_competency_examples",
                "Competency-based examples of your skills",
                A,
                "Concrete examples of your relevant experience that show the skills they were looking for.",
                (
                    Source(RESPOND, "Step 3: Brush up on Your Interview Confidence"),
                    Source(BOUNCE_BACK),
                ),
            ),
            Item(
                "perf_confidence",
                "Confidence and body language",
                A,
                "Eye contact, sitting straight, hands still, not reading from your CV; sounding like you believe what you say.",
                (
                    Source(RESPOND, "Step 3: Brush up on Your Interview Confidence"),
                    Source(BOUNCE_BACK),
                ),
            ),
            Item(
                "perf_no_interrupting",
                "Let the interviewer finish (no interrupting)",
                A,
                "",
                (Source(HANDLING, "What to do now?"),),
            ),
            Item(
                "perf_asked_questions",
                "Asked questions about the company",
                A,
                "Good questions about the culture or the role show real interest.",
                (Source(HANDLING, "How to up your chances"), Source(BOUNCE_BACK)),
            ),
            Item(
                "perf_skills_test",
                "The skills test or technical exercise",
                A,
                "Mark “not applicable” if there was none.",
                (Source(BOUNCE_BACK),),
            ),
            Item(
                "perf_struggled_questions",
                "Questions you struggled with",
                ItemKind.LIST,
                "One per line. Each goes into your question bank to practise.",
                (
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                    Source(HANDLING, "What to do now?"),
                ),
            ),
        ),
    ),
    Section(
        "strengths",
        "Strengths and weaknesses",
        "An itemised list, best written right after the interview while it is fresh.",
        (
            Item(
                "went_well",
                "What went well",
                ItemKind.LIST,
                "One per line.",
                (
                    Source(HANDLING, "What to do now?"),
                    Source(GREAT_INTERVIEW, "2.3. Leverage Your Experience"),
                ),
            ),
            Item(
                "to_improve",
                "What to improve",
                ItemKind.LIST,
                "One per line.",
                (
                    Source(HANDLING, "What to do now?"),
                    Source(GREAT_INTERVIEW, "2.3. Leverage Your Experience"),
                ),
            ),
        ),
    ),
    Section(
        "cv",
        "CV and pitch",
        "Did what they read match what they met?",
        (
            Item(
                "cv_represents_you",
                "Your CV represented who you are and what you do best",
                A,
                "",
                (Source(HANDLING, "Your resume matters more than you might think"),),
            ),
            Item(
                "cv_over_or_under_stated",
                "Over- or under-stated?",
                ItemKind.TEXT,
                "Did they expect more than the CV promised, or did it undersell you (over-qualified)?",
                (Source(HANDLING, "Your resume matters more than you might think"),),
            ),
            Item(
                "pitch_achievements",
                "How you pitched your achievements",
                A,
                "How you presented and sold your achievements in the interview.",
                (Source(BOUNCE_BACK),),
            ),
        ),
    ),
    Section(
        "outside_control",
        "Outside your control",
        "Some reasons have nothing to do with you. Name them, then let them go.",
        (
            Item(
                "outside_internal_candidate",
                "An internal candidate",
                ItemKind.FACTOR,
                "Someone who already knows the team and the processes.",
                (Source(GREAT_INTERVIEW, "1.2. Internal Candidate Advantage"),),
                Control.OUTSIDE,
            ),
            Item(
                "outside_budget",
                "Budget or headcount",
                ItemKind.FACTOR,
                "The money or the position went away.",
                (Source(GREAT_INTERVIEW, "1.3. Budget Constraints"),),
                Control.OUTSIDE,
            ),
            Item(
                "outside_panel",
                "The panel disagreed",
                ItemKind.FACTOR,
                "One member's doubts can outweigh an otherwise strong interview.",
                (Source(GREAT_INTERVIEW, "1.4. Interview Panel Dynamics"),),
                Control.OUTSIDE,
            ),
            Item(
                "outside_more_experienced",
                "A more experienced candidate",
                ItemKind.FACTOR,
                "",
                (Source(HANDLING, "Why were you not hired?"), Source(BOUNCE_BACK)),
                Control.OUTSIDE,
            ),
            Item(
                "outside_first_impression",
                "First-impression bias",
                ItemKind.FACTOR,
                "The “liking effect” or “halo and horns”: not something you can control.",
                (Source(BOUNCE_BACK),),
                Control.OUTSIDE,
            ),
        ),
    ),
    Section(
        "feedback",
        "Feedback",
        "Ask politely, listen without getting defensive, and write down what they said.",
        (
            Item(
                "feedback_asked",
                "Asked for feedback",
                ItemKind.STEP,
                "",
                (
                    Source(OPN, "Working on Feedback"),
                    Source(GREAT_INTERVIEW, "2.1. Reflect and Seek Feedback"),
                ),
            ),
            Item(
                "feedback_received",
                "Received feedback",
                ItemKind.STEP,
                "If they do not answer, do not dwell on it: critique your own performance instead.",
                (Source(BOUNCE_BACK),),
            ),
            Item(
                "feedback_summary",
                "What it said",
                ItemKind.TEXT,
                "The key points, written down so you can come back to them.",
                (Source(HANDLING, "Why were you not hired?"),),
            ),
            Item(
                "feedback_comparison",
                "How you compared with the other candidates",
                ItemKind.TEXT,
                "Asking how you measured up shows what the company is really looking for.",
                (Source(HANDLING, "Turn the rejection into a job offer"),),
            ),
        ),
    ),
    Section(
        "follow_ups",
        "Follow-ups",
        "What you do in the days after can matter as much as the interview.",
        (
            Item(
                "followup_thanks",
                "Thanked them after the rejection",
                ItemKind.STEP,
                "They will think of you positively if you apply again.",
                (Source(RESPOND, "Step 5: Respond to your Interviewer"),),
            ),
            Item(
                "followup_feedback_request",
                "Sent a feedback request",
                ItemKind.STEP,
                "",
                (
                    Source(RESPOND, "Step 5: Respond to your Interviewer"),
                    Source(OPN, "Working on Feedback"),
                ),
            ),
            Item(
                "followup_influence_letter",
                "Sent an influence letter",
                ItemKind.STEP,
                "How you would tackle a challenge the company faces, from what you solved before.",
                (Source(HANDLING, "Turn the rejection into a job offer"),),
            ),
            Item(
                "followup_stay_in_touch",
                "Stay in touch for future roles",
                ItemKind.STEP,
                "A few months later they may call you for another role.",
                (
                    Source(GREAT_INTERVIEW, "3.2. Network and Build Relationships"),
                    Source(BOUNCE_BACK),
                ),
            ),
            Item(
                "followup_tell_recruiter",
                "Told your recruiter or agency how it went",
                ItemKind.STEP,
                "They may have suggestions.",
                (Source(RESPOND, "Step 5: Respond to your Interviewer"),),
            ),
        ),
    ),
    Section(
        "perspective",
        "Perspective",
        "A rejection is one instance in a career, not a verdict on your worth.",
        (
            Item(
                "feeling",
                "How you feel about it now",
                ItemKind.RATING,
                "1 = flattened, 5 = fine. Feeling disappointed is normal; try not to dwell.",
                (
                    Source(GREAT_INTERVIEW, "2.2. Maintain Perspective"),
                    Source(OPN, "Dealing with Rejection"),
                ),
            ),
            Item(
                "proud_of",
                "What you are proud of",
                ItemKind.TEXT,
                "Your accomplishments and strengths, to keep your confidence.",
                (Source(OPN, "The Next Step"), Source(BOUNCE_BACK)),
            ),
            Item(
                "plan_still_right",
                "Is the plan still right?",
                ItemKind.TEXT,
                "Other industries with similar needs, other directions, what would make you happy.",
                (
                    Source(RESPOND, "Time to Refresh Your Career Plan?"),
                    Source(HANDLING, "How to up your chances"),
                    Source(BOUNCE_BACK),
                ),
            ),
            Item(
                "support_needed",
                "Would a coach or counsellor help?",
                ItemKind.FACTOR,
                "There is no shame in asking for support with a hard search.",
                (Source(GREAT_INTERVIEW, "3.3. Seek Professional Help"),),
            ),
        ),
    ),
    Section(
        "actions",
        "Action items",
        "Concrete next steps with due dates. Turn what you learned into what you will do.",
        (
            Item(
                "next_focus",
                "The one thing to focus on next",
                ItemKind.TEXT,
                "Refining interview skills, adding qualifications, updating your CV: pick one and commit.",
                (Source(OPN, "Working on Feedback"), Source(OPN, "The Next Step")),
            ),
        ),
    ),
)

CHECKLISTS = {1: SECTIONS_V1}
CURRENT_VERSION = max(CHECKLISTS)


def sections(version: int = CURRENT_VERSION) -> tuple[Section, ...]:
    return CHECKLISTS[version]


def section_by_key(key: str, version: int = CURRENT_VERSION) -> Section:
    for candidate in CHECKLISTS[version]:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def items_by_key(version: int = CURRENT_VERSION) -> dict[str, Item]:
    return {item.key: item for section in CHECKLISTS[version] for item in section.items}


def items_of_kind(kind: ItemKind, version: int = CURRENT_VERSION) -> list[Item]:
    return [item for item in items_by_key(version).values() if item.kind == kind]


def items_citing(title: str, version: int = CURRENT_VERSION) -> list[tuple[Section, Item]]:
    return [
        (section, item)
        for section in CHECKLISTS[version]
        for item in section.items
        if any(source.title == title for source in item.sources)
    ]
