"""The follow-up message drafts: plain text filled from an application, for the user to edit.

The wording paraphrases the advice of the articles the checklist cites; each kind names the
article and heading it comes from. [Brackets] mark what only the user can fill in.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.utils import timezone

from applications.models import Application, Interview
from reflections.checklist import HANDLING, RESPOND, Source
from reflections.models import FollowUp
from reflections.selectors import KnownContact

FALLBACK_GREETING = "Hiring team"
SUBJECT_MAX_LENGTH = FollowUp._meta.get_field("subject").max_length


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    recipient: str


@dataclass(frozen=True)
class Guide:
    """How the page names a kind of follow-up, when to send it, and where the advice comes from."""

    name: str
    advice: str
    source: Source


GUIDES = {
    FollowUp.Kind.THANK_YOU: Guide(
        "Thank-you",
        "In the few days after the interview, send a personal thank-you note to everyone "
        "involved: it is simple professional courtesy and shows your interest in the position. "
        "Proofread it before sending.",
        Source(HANDLING, "After the interview"),
    ),
    FollowUp.Kind.REJECTION_THANKS: Guide(
        "After a rejection",
        "Thank them for their time even though the answer was no, and ask politely for "
        "feedback: they will remember you well if you apply again.",
        Source(RESPOND, "Step 5: Respond to your Interviewer"),
    ),
    FollowUp.Kind.COMPARISON: Guide(
        "How did I compare?",
        "Asking how you measured up against the other candidates shows what the company "
        "really looks for in someone in this role.",
        Source(HANDLING, "Turn the rejection into a job offer"),
    ),
    FollowUp.Kind.INFLUENCE_LETTER: Guide(
        "Influence letter",
        "Take a challenge the company faces and explain how you would tackle it, from a "
        "similar problem you solved before. Fill in every [bracket] before sending.",
        Source(HANDLING, "Turn the rejection into a job offer"),
    ),
}


def joined_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def interviewer_names(interview: Interview | None) -> list[str]:
    if interview is None:
        return []
    return [contact.name for contact in interview.interviewers.all() if contact.name.strip()]


def addressee(interview: Interview | None, known: KnownContact | None) -> KnownContact:
    """Whom the draft greets and goes to.

    The interviewers of the chosen interview, by name, at the first address among them (else
    the known contact's); without named interviewers, the contact the user already deals with
    at the company (`selectors.follow_up_known_contact`); "Hiring team" only when nobody is
    known.
    """
    interviewers = list(interview.interviewers.all()) if interview is not None else []
    emails = [contact.email for contact in interviewers if contact.email]
    email = emails[0] if emails else (known.email if known is not None else "")
    if names := interviewer_names(interview):
        return KnownContact(joined_names(names), email)
    if known is not None and known.name:
        return known
    return KnownContact(FALLBACK_GREETING, email)


def _interview_day(interview: Interview | None) -> str:
    if interview is None:
        return ""
    when = timezone.localtime(interview.scheduled_at)
    return f" on {when:%A} {when.day} {when:%B}"


def _thank_you(
    application: Application, interview: Interview | None, greeting: str, sender: str
) -> tuple[str, str]:
    company = application.company.name
    role = application.role_title
    body = (
        f"Dear {greeting},\n\n"
        f"Thank you for meeting me{_interview_day(interview)} to talk about the {role} role "
        f"at {company}. I enjoyed hearing about [something specific you discussed], and the "
        "conversation made me even keener to join the team.\n\n"
        "[One or two sentences on how your experience fits what they told you they need.]\n\n"
        "If there is anything else I can send you, I would be glad to. "
        "I look forward to hearing from you.\n\n"
        f"Kind regards,\n{sender}"
    )
    return f"Thank you: {role} interview at {company}", body


def _rejection_thanks(
    application: Application, interview: Interview | None, greeting: str, sender: str
) -> tuple[str, str]:
    company = application.company.name
    role = application.role_title
    body = (
        f"Dear {greeting},\n\n"
        f"Thank you for letting me know your decision about the {role} role, and for the time "
        f"you gave me during the process. I am disappointed, but I valued the chance to learn "
        f"about {company}, and I would be glad to be considered for future openings.\n\n"
        "If you can spare a few minutes, I would be grateful for some feedback on my "
        "application and interview. Knowing specifically where I could have been stronger "
        "would help me prepare for the next step in my search. "
        "[Optional: one specific question, about a part of the interview you are unsure of.]\n\n"
        "Thank you again, and I hope our paths cross again.\n\n"
        f"Best regards,\n{sender}"
    )
    return f"Thank you, and a request for feedback: {role} at {company}", body


def _comparison(
    application: Application, interview: Interview | None, greeting: str, sender: str
) -> tuple[str, str]:
    company = application.company.name
    role = application.role_title
    body = (
        f"Dear {greeting},\n\n"
        f"Thank you again for considering me for the {role} role. I understand you have chosen "
        "another candidate, and I respect the decision.\n\n"
        "So that I can improve, could you tell me how my experience and interview compared with "
        "the candidates you took forward? Knowing which skills or experience made the difference "
        f"would show me what {company}, and teams like yours, look for.\n\n"
        "Even a brief reply would be very helpful.\n\n"
        f"Kind regards,\n{sender}"
    )
    return f"How did I compare? {role} at {company}", body


def _influence_letter(
    application: Application, interview: Interview | None, greeting: str, sender: str
) -> tuple[str, str]:
    company = application.company.name
    role = application.role_title
    body = (
        f"Dear {greeting},\n\n"
        f"Thank you again for our conversations about the {role} role. Since then I have kept "
        f"thinking about [a challenge {company} faces, from the interview or your research].\n\n"
        "At [a previous employer] I faced a similar problem: [the situation, in a sentence or "
        "two]. I [what you did], and as a result [the outcome, with a number if you have one].\n\n"
        f"If I were tackling this at {company}, I would start by [a first step], then "
        "[a second step]. [Optional: how you would know it was working.]\n\n"
        f"I would welcome the chance to talk this through, whether for the {role} role or "
        "another one where I could help.\n\n"
        f"Best regards,\n{sender}"
    )
    return f"An idea on [the challenge] at {company}", body


DRAFTERS = {
    FollowUp.Kind.THANK_YOU: _thank_you,
    FollowUp.Kind.REJECTION_THANKS: _rejection_thanks,
    FollowUp.Kind.COMPARISON: _comparison,
    FollowUp.Kind.INFLUENCE_LETTER: _influence_letter,
}


def draft_follow_up(
    kind: str,
    application: Application,
    interview: Interview | None,
    sender: str,
    known: KnownContact | None = None,
) -> Draft:
    """The draft of one kind of follow-up, greeting and addressed to whom `addressee` picks,
    signed by `sender` (the user's `signature_name`)."""
    to = addressee(interview, known)
    subject, body = DRAFTERS[FollowUp.Kind(kind)](application, interview, to.name, sender)
    return Draft(subject[:SUBJECT_MAX_LENGTH], body, to.email)


def mailto_url(draft: Draft) -> str:
    """A mailto: link carrying the draft; line breaks as CRLF, as RFC 6068 asks."""
    body = "\r\n".join(draft.body.splitlines())
    return (
        f"mailto:{quote(draft.recipient, safe='@')}"
        f"?subject={quote(draft.subject, safe='')}&body={quote(body, safe='')}"
    )
