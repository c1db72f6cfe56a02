"""The reflection checklist: one declarative definition, each item citing the advice it comes from.

The five articles in `shared/articles/` each give advice for what to do after a rejection; the
items below paraphrase that advice. Every item names the article by its title and the heading of
the section it comes from (the title alone for an article without headings).

Reflections store the checklist version they were made with, and every version stays defined
here, so a reflection made with an older version still displays after the checklist changes.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class ItemKind(StrEnum):
    ASSESSMENT = "assessment"  # went well / needs work / not applicable
    RATING = "rating"  # 1 to 5
    TEXT = "text"
    LIST = "list"  # one entry per line
    FACTOR = "factor"  # outside your control: played a part / did not / not sure
    STEP = "step"  # something to do: done / to do / not applicable
    REQUIREMENTS = "requirements"  # each requirement of the application: met / partly / missing
    YES_NO = "yes_no"  # a question about what you want: yes / no / not sure


class Scale(StrEnum):
    """An answer scale that replaces its kind's default wording, for one item's question."""

    MATCH = "match"  # an assessment phrased as a statement: yes / needs work / not sure


class Control(StrEnum):
    PERSPECTIVE = "perspective"  # how you see it and what went well: no cause to weigh
    WITHIN = "within"
    OUTSIDE = "outside"


class Asks(StrEnum):
    """When an item is asked: the reflection fits what happened."""

    ALWAYS = "always"
    AFTER_INTERVIEW = "after_interview"  # not after a rejection of the application alone
    AFTER_VIDEO_OR_IN_PERSON = "after_video_or_in_person"  # not after phone calls only


class CarryOver(StrEnum):
    """What the product already knows, offered as the item's starting answer."""

    INTEREST = "interest"  # the interest rating given on the application
    DEBRIEF_QUESTIONS = "debrief_questions"  # the debriefs' questions, to tick
    LAST_REFLECTION = "last_reflection"  # the same item in the user's previous reflection


class Assessment(StrEnum):
    WENT_WELL = "went_well"
    NEEDS_WORK = "needs_work"
    NOT_APPLICABLE = "not_applicable"
    NOT_SURE = "not_sure"


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


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
    ItemKind.YES_NO: [
        (YesNo.YES, "Yes"),
        (YesNo.NO, "No"),
        (YesNo.NOT_SURE, "Not sure"),
    ],
}
SCALES: dict[Scale, list[tuple[str, str]]] = {
    Scale.MATCH: [
        (Assessment.WENT_WELL, "Yes"),
        (Assessment.NEEDS_WORK, "Needs work"),
        (Assessment.NOT_SURE, "Not sure"),
    ],
}
RATING_RANGE = range(1, 6)


@dataclass(frozen=True)
class Situation:
    """What happened, as far as the reflection needs to know: was there an interview, and was
    every interview a call (no dress code, no camera, no arriving)."""

    interviewed: bool = True
    only_by_phone: bool = False

    def asks(self, asks: Asks) -> bool:
        if asks == Asks.AFTER_INTERVIEW:
            return self.interviewed
        if asks == Asks.AFTER_VIDEO_OR_IN_PERSON:
            return self.interviewed and not self.only_by_phone
        return True


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
    # The article sentence the control classification rests on, word for word (version 2 on).
    control_reason: str = ""
    scale: Scale | None = None
    asks: Asks = Asks.ALWAYS
    carry_over: CarryOver | None = None
    # The next step this item points to when it "needs work" (or a step is "to do"), as a
    # sentence a person would write. Empty: the item suggests nothing.
    suggestion: str = ""

    @property
    def choices(self) -> list[tuple[str, str]]:
        """The answers the item takes, as (value, label): its scale, else its kind's."""
        if self.scale is not None:
            return SCALES[self.scale]
        return CHOICES.get(self.kind, [])


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    items: tuple[Item, ...] = field(default=())
    asks: Asks = Asks.ALWAYS

    @property
    def minutes_to_answer(self) -> int:
        return about_minutes(seconds_to_answer(self.items))


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

# Version 2 -----------------------------------------------------------------------------------
# Perspective and what went well first, then what is within your control, then what is not,
# then the next steps. Each item says whether it is within your control, with the sentence of
# an article it cites that decides it; each is asked only when it fits what happened.

P, W, OUT = Control.PERSPECTIVE, Control.WITHIN, Control.OUTSIDE
STEP, TEXT, LIST = ItemKind.STEP, ItemKind.TEXT, ItemKind.LIST
AFTER_INTERVIEW, FACE_TO_FACE = Asks.AFTER_INTERVIEW, Asks.AFTER_VIDEO_OR_IN_PERSON

# The two figures the articles give, each with the sentence that gives it.
CONFIDENCE_FIGURE = (
    "Lack of confidence during an interview is a common reason why around 40% of candidates "
    "don’t make it past the first interview stage."
)
RESEARCH_FIGURE = (
    "Around 47% of candidates fail their interviews because they haven’t done enough research."
)
WORTH = (
    "It’s a single instance in your career journey and not an indicator of your overall "
    "abilities or value as a professional."
)

SECTIONS_V2 = (
    Section(
        "perspective",
        "Perspective",
        "Remember that a rejection doesn’t define your worth or potential: " + WORTH,
        (
            Item(
                "feeling",
                "How you feel about it now",
                ItemKind.RATING,
                "1 = flattened, 5 = fine. It’s okay to feel disappointed; try not to dwell on it.",
                (
                    Source(GREAT_INTERVIEW, "2.2. Maintain Perspective"),
                    Source(OPN, "Dealing with Rejection"),
                ),
                P,
                "While it's okay to feel disappointed, try not to dwell on it.",
            ),
            Item(
                "support_needed",
                "Would a coach or counsellor help?",
                ItemKind.YES_NO,
                "If you find it hard to cope with rejection, a career coach or counsellor can "
                "offer guidance.",
                (Source(GREAT_INTERVIEW, "3.3. Seek Professional Help"),),
                P,
                "If you find it challenging to cope with rejection, consider seeking support "
                "from a career coach or counselor.",
            ),
        ),
    ),
    Section(
        "strengths",
        "What went well",
        "Start with your accomplishments and strengths, then list what to improve.",
        (
            Item(
                "went_well",
                "What went well",
                LIST,
                "One per line. Assess what went well as well as what could be improved.",
                (
                    Source(GREAT_INTERVIEW, "2.3. Leverage Your Experience"),
                    Source(HANDLING, "What to do now?"),
                ),
                P,
                "Assess what went well and what could be improved.",
            ),
            Item(
                "proud_of",
                "What you are proud of",
                TEXT,
                "Reflecting on your accomplishments and strengths keeps your confidence in your "
                "abilities.",
                (Source(OPN, "The Next Step"), Source(BOUNCE_BACK)),
                P,
                "Allow yourself to feel disappointment, but then refocus on the positive side by "
                "reflecting on your accomplishments and strengths to maintain confidence in "
                "your abilities.",
            ),
            Item(
                "to_improve",
                "What to improve",
                LIST,
                "One per line: an itemised list, best written while it is fresh.",
                (
                    Source(HANDLING, "What to do now?"),
                    Source(GREAT_INTERVIEW, "2.3. Leverage Your Experience"),
                ),
                W,
                "You can start by listing all the strengths and weaknesses of the interview.",
            ),
        ),
    ),
    Section(
        "fit",
        "Fit",
        "Was this the job for you, and did it show?",
        (
            Item(
                "fit_really_wanted",
                "How much did you really want this role?",
                ItemKind.RATING,
                "1 (not much) to 5 (dream job). If you weren’t particularly passionate about the "
                "job, there’s a good chance the hiring manager picked up on it.",
                (Source(RESPOND, "Step 1: Ask if the Role Was What You Really Wanted"),),
                W,
                "Applying only for the positions you truly care about will motivate you to "
                "showcase the best version of yourself during your next interview.",
                carry_over=CarryOver.INTEREST,
            ),
            Item(
                "fit_culture_concerns",
                "Concerns about the culture or the scope of the role",
                TEXT,
                "Perhaps you liked parts of the position but were a little concerned about the "
                "company culture, or it gave you little scope to showcase your skills.",
                (Source(RESPOND, "Step 1: Ask if the Role Was What You Really Wanted"),),
                W,
                "Ask yourself whether this role was right for you, and if it wasn’t, consider "
                "adjusting your job search accordingly.",
            ),
            Item(
                "fit_interest_came_across",
                "Your interest in the company came across",
                ItemKind.ASSESSMENT,
                "Between candidates with similar strengths, the one who asked lots of questions "
                "and genuinely conveyed interest in the company can be chosen.",
                (
                    Source(RESPOND, "Step 1: Ask if the Role Was What You Really Wanted"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "For example, one asked lots of questions and had a genuinely conveyed interest "
                "in the company.",
                scale=Scale.MATCH,
                asks=AFTER_INTERVIEW,
                suggestion="Prepare two or three questions that show why you want to work there",
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
                "Taken from the application's requirements, one per line. Mark each met, partly "
                "or missing.",
                (Source(RESPOND, "Step 2: Reconsider Your Qualifications"),),
                W,
                "Make a list of all the talents and educational credentials you don’t already "
                "have and start seeking them out.",
            ),
            Item(
                "skills_to_acquire",
                "Skills or credentials to acquire",
                LIST,
                "One per line. Even showing an employer you are training can improve your chances.",
                (Source(RESPOND, "Step 2: Reconsider Your Qualifications"),),
                W,
                "Make a list of all the talents and educational credentials you don’t already "
                "have and start seeking them out.",
            ),
            Item(
                "experience_level",
                "Your experience matched the level of the role",
                ItemKind.ASSESSMENT,
                "Perhaps another candidate had more experience; often it is purely a difference "
                "in experience or skills. Experience can be gained, even if it takes time in "
                "the field.",
                (
                    Source(HANDLING, "Why were you not hired?"),
                    Source(HANDLING, "How to up your chances"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "Gain more experience.",
                scale=Scale.MATCH,
                suggestion="Find a way to gain more experience in the field, such as a project "
                "or a role one step closer",
            ),
        ),
    ),
    Section(
        "cv",
        "CV and cover letter",
        "Did what they read match what they met? Revise them, and note what you changed.",
        (
            Item(
                "cv_represents_you",
                "Your CV represented who you are and what you do best",
                ItemKind.ASSESSMENT,
                "The interviewer may have expected more after reading it, or it understated "
                "your skills.",
                (Source(HANDLING, "Your resume matters more than you might think"),),
                W,
                "Maybe it’s time to revise your resume and cover letter.",
                scale=Scale.MATCH,
                suggestion="Rework your CV so it shows what you do best",
            ),
            Item(
                "cv_over_or_under_stated",
                "Over- or under-stated?",
                TEXT,
                "Did they expect more than the CV promised, or did it understate your skills "
                "(and you were found over-qualified)?",
                (Source(HANDLING, "Your resume matters more than you might think"),),
                W,
                "Or it may be that you understated your skills and you were found to be "
                "over-qualified for the job.",
            ),
            Item(
                "pitch_achievements",
                "How you pitched your achievements",
                ItemKind.ASSESSMENT,
                "How you pitched and sold your achievements in the interview.",
                (Source(BOUNCE_BACK),),
                W,
                "Go back to base and reassess your CV, look at your skills, remember your "
                "achievements, look at how you pitch and sell them in interview.",
                asks=AFTER_INTERVIEW,
                suggestion="Write down three achievements and practise telling each in a minute",
            ),
            Item(
                "cv_revised",
                "Revised your CV and cover letter",
                STEP,
                "",
                (
                    Source(HANDLING, "Your resume matters more than you might think"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "Maybe it’s time to revise your resume and cover letter.",
                suggestion="Revise your CV and cover letter before the next application",
            ),
            Item(
                "cv_changes",
                "What you changed",
                TEXT,
                "What you changed in the CV or the cover letter, so you can tell later whether "
                "it helped.",
                (
                    Source(HANDLING, "Your resume matters more than you might think"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "Maybe it’s time to revise your resume and cover letter.",
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
                ItemKind.ASSESSMENT,
                RESEARCH_FIGURE + " Research also lets you talk confidently about the company.",
                (
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                    Source(HANDLING, "How to up your chances"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "Did you research the company enough?",
                asks=AFTER_INTERVIEW,
                suggestion="Research the next company and role before the interview: its "
                "history, its products, the position",
            ),
            Item(
                "prep_dress_code",
                "Knew the dress code",
                ItemKind.ASSESSMENT,
                "Could you have asked HR what dress code was appropriate?",
                (
                    Source(HANDLING, "What to do now?"),
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                ),
                W,
                "Could you have asked HR what dress code was appropriate?",
                asks=FACE_TO_FACE,
                suggestion="Ask HR about the dress code before the next interview",
            ),
            Item(
                "prep_video_ready",
                "Camera and call set up before the start",
                ItemKind.ASSESSMENT,
                "Arriving late to a video meeting because you were busy setting up your camera "
                "is one of the things to look back on.",
                (Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),),
                W,
                "Maybe you misjudged the dress code or arrived late to a video meeting because "
                "you were busy setting up your camera.",
                asks=FACE_TO_FACE,
                suggestion="Set up and test your camera well before the next video interview",
            ),
            Item(
                "prep_on_time",
                "Arrived on time",
                ItemKind.ASSESSMENT,
                "If you were late, at least you can surmise the reason.",
                (
                    Source(BOUNCE_BACK),
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                ),
                W,
                "If you were hideously late, or couldn’t perform a skills test very well, then "
                "at least you might be able to surmise the reasons.",
                asks=FACE_TO_FACE,
                suggestion="Plan the journey (or the call set-up) to be ready ten minutes early",
            ),
        ),
        asks=AFTER_INTERVIEW,
    ),
    Section(
        "performance",
        "Interview performance",
        "Go back over the conversation, as objectively as you can.",
        (
            Item(
                "perf_common_questions",
                "Answers to the common questions",
                ItemKind.ASSESSMENT,
                "Questions like “why should we hire you?”, “why do you want this job?” and “what "
                "do you expect to be doing in 5 years?”",
                (Source(HANDLING, "How to up your chances"),),
                W,
                "Prepare those answers beforehand.",
                asks=AFTER_INTERVIEW,
                suggestion="Prepare your answers to “why should we hire you?” and “why do you "
                "want this job?”",
            ),
            Item(
                "perf_competency_examples",
                "Competency-based examples of your skills",
                ItemKind.ASSESSMENT,
                "Answers that showcase your abilities and the skills the hiring manager is "
                "looking for, with strong examples of your relevant experience.",
                (
                    Source(RESPOND, "Step 3: Brush up on Your Interview Confidence"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "Come up with competency-based answers which showcase your abilities and the "
                "skills your hiring managers are looking for.",
                asks=AFTER_INTERVIEW,
                suggestion="Write a competency-based example for each skill the role asks for",
            ),
            Item(
                "perf_confidence",
                "Confidence and body language",
                ItemKind.ASSESSMENT,
                CONFIDENCE_FIGURE + " Sit straight, keep your hands still, make eye contact.",
                (
                    Source(RESPOND, "Step 3: Brush up on Your Interview Confidence"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "Try practising with a friend or colleague to prepare for your next interview.",
                asks=AFTER_INTERVIEW,
                suggestion="Practise your answers out loud with a friend or colleague",
            ),
            Item(
                "perf_no_interrupting",
                "Let the interviewer finish (no interrupting)",
                ItemKind.ASSESSMENT,
                "",
                (Source(HANDLING, "What to do now?"),),
                W,
                "Do you remember interrupting the interviewer during the interview?",
                asks=AFTER_INTERVIEW,
                suggestion="In the next interview, pause until the interviewer has finished",
            ),
            Item(
                "perf_asked_questions",
                "Asked questions about the company",
                ItemKind.ASSESSMENT,
                "Asking short questions about the company conveys that you are deeply "
                "interested in working there.",
                (Source(HANDLING, "How to up your chances"), Source(BOUNCE_BACK)),
                W,
                "Ask questions about the company.",
                asks=AFTER_INTERVIEW,
                suggestion="Write down questions to ask about the company and the role",
            ),
            Item(
                "perf_skills_test",
                "The skills test or technical exercise",
                ItemKind.ASSESSMENT,
                "Mark “not applicable” if there was none.",
                (Source(BOUNCE_BACK),),
                W,
                "If you were hideously late, or couldn’t perform a skills test very well, then "
                "at least you might be able to surmise the reasons.",
                asks=AFTER_INTERVIEW,
                suggestion="Practise a skills test like this one under time",
            ),
            Item(
                "perf_struggled_questions",
                "Questions you struggled with",
                LIST,
                "Tick the ones from your debrief, add others one per line. Each goes into your "
                "question bank to practise.",
                (
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                    Source(HANDLING, "What to do now?"),
                ),
                W,
                "If so, you can practice generating relevant answers.",
                asks=AFTER_INTERVIEW,
                carry_over=CarryOver.DEBRIEF_QUESTIONS,
            ),
            Item(
                "perf_could_do_better",
                "Even if it felt good: what could you have done better?",
                TEXT,
                "When it felt like it went well and you still didn’t get the job, a bit of "
                "introspection helps.",
                (Source(BOUNCE_BACK),),
                W,
                "Ask yourself, “what could I have done better?”",
                asks=AFTER_INTERVIEW,
            ),
        ),
        asks=AFTER_INTERVIEW,
    ),
    Section(
        "feedback",
        "Feedback",
        "Ask politely, listen with an open mind, and write down what they said.",
        (
            Item(
                "feedback_asked",
                "Asked for feedback",
                STEP,
                "By email, or call and ask.",
                (
                    Source(OPN, "Working on Feedback"),
                    Source(GREAT_INTERVIEW, "2.1. Reflect and Seek Feedback"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "If possible, ask for feedback from the interviewer or recruiter.",
                suggestion="Ask the recruiter or hiring manager for feedback",
            ),
            Item(
                "feedback_received",
                "Received feedback",
                STEP,
                "If they do not answer, don’t dwell on it too long: critique your own "
                "performance instead.",
                (Source(BOUNCE_BACK),),
                OUT,
                "If they are not responsive to the request for feedback, don’t dwell on it too "
                "long.",
            ),
            Item(
                "feedback_open_minded",
                "You took the feedback with an open mind, not defensively",
                ItemKind.ASSESSMENT,
                "Constructive criticism is an opportunity for growth.",
                (Source(OPN, "Working on Feedback"),),
                W,
                "When receiving feedback, remain open-minded and avoid becoming defensive.",
                scale=Scale.MATCH,
                suggestion="Read the feedback again and note one thing in it to act on",
            ),
            Item(
                "feedback_asked_again",
                "Asked again, by phone or by email, when the first answer was vague",
                STEP,
                "Ask for honest and specific feedback; if you are not sure what you did wrong, "
                "request a little more detail on why they chose someone else.",
                (
                    Source(RESPOND, "Step 5: Respond to your Interviewer"),
                    Source(HANDLING, "Why were you not hired?"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "If you’re not sure exactly what you did wrong during the conversation, request "
                "a little bit of detailed information on why they chose someone other than you.",
                suggestion="Call the recruiter and ask for more specific feedback",
            ),
            Item(
                "feedback_summary",
                "What it said",
                TEXT,
                "The key pieces of feedback, written down so you can refer to them later.",
                (Source(HANDLING, "Why were you not hired?"),),
                W,
                "Ensure you write down key pieces of feedback so you can refer to it later.",
            ),
            Item(
                "feedback_comparison",
                "How you compared with the other candidates",
                TEXT,
                "Asking how you measure up to other candidates shows what the company is "
                "looking for.",
                (Source(HANDLING, "Turn the rejection into a job offer"),),
                W,
                "Asking your interviewer how you measure up to other candidates can give you "
                "some great insights as to what the company is looking for in a candidate.",
            ),
        ),
    ),
    Section(
        "follow_ups",
        "Follow-ups",
        "Your actions in the few days after can matter as much as the interview itself.",
        (
            Item(
                "followup_thanks",
                "Thanked them after the rejection",
                STEP,
                "They will be more likely to think of you positively if you apply again.",
                (Source(RESPOND, "Step 5: Respond to your Interviewer"),),
                W,
                "Thank the company for their time, and they’ll be more likely to think of you "
                "positively if you apply for roles with the same business.",
                suggestion="Thank the company for their time",
            ),
            Item(
                "followup_feedback_request",
                "Sent a feedback request",
                STEP,
                "",
                (
                    Source(RESPOND, "Step 5: Respond to your Interviewer"),
                    Source(OPN, "Working on Feedback"),
                ),
                W,
                "Approach them respectfully via email and express gratitude for their time when "
                "following up.",
            ),
            Item(
                "followup_influence_letter",
                "Sent an influence letter",
                STEP,
                "A letter on challenges the company is facing and how you would tackle them, "
                "perhaps from how you solved similar problems before.",
                (Source(HANDLING, "Turn the rejection into a job offer"),),
                W,
                "This letter allows you to address challenges the company is facing and how you "
                "plan on tackling those issues.",
                asks=AFTER_INTERVIEW,
            ),
            Item(
                "followup_stay_in_touch",
                "Stay in touch for future roles",
                STEP,
                "A few months later they may call you for an alternative role.",
                (
                    Source(GREAT_INTERVIEW, "3.2. Network and Build Relationships"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "Engage with industry professionals and attend relevant events to expand your "
                "network.",
            ),
            Item(
                "followup_tell_recruiter",
                "Told your recruiting agency how it went",
                STEP,
                "See if they have any suggestions.",
                (Source(RESPOND, "Step 5: Respond to your Interviewer"),),
                W,
                "You can even consider talking to your recruiting agency in the Financial "
                "Services landscape about how the interview went and see if they had any "
                "suggestions.",
            ),
        ),
    ),
    Section(
        "outside_control",
        "Outside your control",
        "Some reasons are not about your abilities. Name them, then let them go.",
        (
            Item(
                "outside_fit",
                "The role needed a skill set or personality trait you didn’t quite match",
                ItemKind.FACTOR,
                "A mismatch with the company’s needs or culture isn’t necessarily a reflection "
                "of your abilities but rather an alignment issue.",
                (Source(GREAT_INTERVIEW, "1.1. The Fit Issue"),),
                OUT,
                "This isn’t necessarily a reflection of your abilities but rather an alignment "
                "issue.",
            ),
            Item(
                "outside_internal_candidate",
                "An internal candidate",
                ItemKind.FACTOR,
                "Someone already familiar with the culture and processes, with rapport with the "
                "team and lower onboarding time.",
                (Source(GREAT_INTERVIEW, "1.2. Internal Candidate Advantage"),),
                OUT,
                "Even if you’re more qualified on paper, an internal candidate might be "
                "preferred due to their existing rapport with the team and lower onboarding "
                "time.",
            ),
            Item(
                "outside_budget",
                "Budget or headcount",
                ItemKind.FACTOR,
                "Unforeseen budget constraints can stop a company hiring at that moment.",
                (Source(GREAT_INTERVIEW, "1.3. Budget Constraints"),),
                OUT,
                "Even if you were the ideal candidate, the company might face unforeseen budget "
                "constraints that prevent them from hiring at that moment.",
            ),
            Item(
                "outside_panel",
                "The panel disagreed",
                ItemKind.FACTOR,
                "A single person’s negative feedback can overshadow an otherwise perfect "
                "interview.",
                (Source(GREAT_INTERVIEW, "1.4. Interview Panel Dynamics"),),
                OUT,
                "Sometimes, a single person’s negative feedback can overshadow an otherwise "
                "perfect interview.",
                asks=AFTER_INTERVIEW,
            ),
            Item(
                "outside_first_impression",
                "First-impression bias",
                ItemKind.FACTOR,
                "The “liking effect” or “halo and horns”: never something you can control.",
                (Source(BOUNCE_BACK),),
                OUT,
                "But that will never be something you can control, so don’t concern yourself "
                "with it.",
                asks=AFTER_INTERVIEW,
            ),
        ),
    ),
    Section(
        "actions",
        "Your next steps",
        "Turn what you learned into what you will do, and keep the search moving.",
        (
            Item(
                "next_focus",
                "The one thing to focus on next",
                TEXT,
                "Refining interview skills, adding qualifications, updating your CV: pick one "
                "and commit.",
                (Source(OPN, "Working on Feedback"), Source(OPN, "The Next Step")),
                W,
                "Then, take some time to reflect on it and come up with actionable steps for "
                "improvement.",
            ),
            Item(
                "search_objectives",
                "Your objectives for the search",
                TEXT,
                "What kind of role you want next, and how many applications a week. Revisit "
                "them each time.",
                (Source(OPN, "The Next Step"),),
                W,
                "Defining clear objectives for your job search or career development means "
                "focusing on what you want to achieve next.",
                carry_over=CarryOver.LAST_REFLECTION,
            ),
            Item(
                "plan_still_right",
                "Is the plan still right?",
                TEXT,
                "Other industries with similar needs, other directions, what would make you happy.",
                (
                    Source(RESPOND, "Time to Refresh Your Career Plan?"),
                    Source(HANDLING, "How to up your chances"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "This reflective mood may even lead you to reassess your whole plan.",
            ),
            Item(
                "search_only_wanted",
                "Apply only for roles you really want",
                STEP,
                "Before the next application, ask whether it is a role you truly care about, "
                "not a “close enough” one. Your interest rating on each application helps.",
                (Source(RESPOND, "Step 1: Ask if the Role Was What You Really Wanted"),),
                W,
                "Applying only for the positions you truly care about will motivate you to "
                "showcase the best version of yourself during your next interview.",
                suggestion="Rate your interest in each role before applying, and skip the "
                "“close enough” ones",
            ),
            Item(
                "research_next",
                "Research the next company and role before applying",
                STEP,
                RESEARCH_FIGURE + " Learn as much as you can about the business before you "
                "apply, to tailor your answers and CV.",
                (
                    Source(RESPOND, "Step 4: Look for Ways to Improve Next Time"),
                    Source(HANDLING, "How to up your chances"),
                    Source(OPN, "The Next Step"),
                    Source(BOUNCE_BACK),
                ),
                W,
                "Learning as much as possible about the business before you start applying for "
                "roles will help you tailor your answers and CV to the company's needs.",
                suggestion="Research the next company and role before you apply",
            ),
            Item(
                "practise_with_friend",
                "Practise answers with a friend or colleague",
                STEP,
                "Practise common questions like the ones you were asked, out loud, with someone.",
                (Source(RESPOND, "Step 3: Brush up on Your Interview Confidence"),),
                W,
                "Try practising with a friend or colleague to prepare for your next interview.",
                suggestion="Practise your answers with a friend or colleague",
            ),
            Item(
                "keep_applying",
                "Keep applying to other opportunities",
                STEP,
                "Stay positive and persistent. Your activity, week by week, is on the dashboard.",
                (Source(GREAT_INTERVIEW, "3.1. Stay Positive and Persistent"),),
                W,
                "Keep applying to other opportunities and continue honing your skills.",
                suggestion="Apply for another role you really want this week",
            ),
            Item(
                "network_beyond",
                "Network beyond this employer",
                STEP,
                "Engage with people in the industry and go to relevant events: opportunities "
                "can come from unexpected connections.",
                (Source(GREAT_INTERVIEW, "3.2. Network and Build Relationships"),),
                W,
                "Engage with industry professionals and attend relevant events to expand your "
                "network.",
                suggestion="Go to one industry event or contact one person in the industry",
            ),
        ),
    ),
)

# Each employer-feedback theme (applications.models.FeedbackTheme) and the version 2 item that
# asks about the same thing: the theme is within or outside your control as that item is, so
# the dashboard counts a reason the way the checklist classifies it. Salary, communication and
# "other" have no item (the articles do not discuss them) and stay within your control.
THEME_ITEMS = {
    "experience": "experience_level",
    "skills": "skills_to_acquire",
    "qualifications": "requirements",
    "culture_fit": "outside_fit",
    "preparation": "prep_company_research",
    "confidence": "perf_confidence",
    "internal_candidate": "outside_internal_candidate",
    "budget": "outside_budget",
}


def theme_control(theme: str) -> Control:
    """Whether an employer-feedback theme is within your control, as the checklist says."""
    key = THEME_ITEMS.get(theme)
    return items_by_key()[key].control if key else Control.WITHIN


# What the closing page quotes when a reflection ends with a low feeling.
PERSPECTIVE_QUOTES = (
    (
        "Remember that a rejection doesn’t define your worth or potential. " + WORTH,
        Source(GREAT_INTERVIEW, "2.2. Maintain Perspective"),
    ),
    (
        "Allow yourself to feel disappointment, but then refocus on the positive side by "
        "reflecting on your accomplishments and strengths to maintain confidence in your "
        "abilities.",
        Source(OPN, "The Next Step"),
    ),
)

CHECKLISTS = {1: SECTIONS_V1, 2: SECTIONS_V2}
CURRENT_VERSION = max(CHECKLISTS)


def sections(version: int = CURRENT_VERSION) -> tuple[Section, ...]:
    return CHECKLISTS[version]


def section_by_key(key: str, version: int = CURRENT_VERSION) -> Section:
    for candidate in CHECKLISTS[version]:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def sections_for(situation: Situation, version: int = CURRENT_VERSION) -> tuple[Section, ...]:
    """The sections that fit what happened, each with only the items that fit."""
    fitting = []
    for section in CHECKLISTS[version]:
        if not situation.asks(section.asks):
            continue
        items = tuple(item for item in section.items if situation.asks(item.asks))
        if items:
            fitting.append(replace(section, items=items))
    return tuple(fitting)


def items_by_key(version: int = CURRENT_VERSION) -> dict[str, Item]:
    return {item.key: item for section in CHECKLISTS[version] for item in section.items}


def items_citing(title: str, version: int = CURRENT_VERSION) -> list[tuple[Section, Item]]:
    return [
        (section, item)
        for section in CHECKLISTS[version]
        for item in section.items
        if any(source.title == title for source in item.sources)
    ]


# How long a section takes, roughly, so the reflection can say so before it starts: seconds per
# item of each kind. A choice is a tap after reading the question; a free-text answer is a few
# sentences typed on a phone; requirements are a few, each marked met, partly or missing.
SECONDS_TO_ANSWER: dict[ItemKind, int] = {
    ItemKind.ASSESSMENT: 20,
    ItemKind.RATING: 20,
    ItemKind.FACTOR: 20,
    ItemKind.STEP: 20,
    ItemKind.YES_NO: 20,
    ItemKind.TEXT: 90,
    ItemKind.LIST: 90,
    ItemKind.REQUIREMENTS: 60,
}


def seconds_to_answer(items: Iterable[Item]) -> int:
    """Roughly how many seconds answering these items takes."""
    return sum(SECONDS_TO_ANSWER[item.kind] for item in items)


def about_minutes(seconds: int) -> int:
    """An estimate in whole minutes, no more precise than it is: at least one for anything to
    answer, and to the nearest five beyond a quarter of an hour."""
    if seconds <= 0:
        return 0
    minutes = max(1, round(seconds / 60))
    return minutes if minutes <= 15 else 5 * round(minutes / 5)
