"""Piccolo tables. Natural keys where the domain has them (region codes, matter keys)."""

from __future__ import annotations

from piccolo.columns import Boolean, Date, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class Migration(Table, tablename="kuaiban_migration"):
    name = Varchar(length=100, primary_key=True)
    applied_at = Timestamptz()


class RegionRow(Table, tablename="region"):
    code = Varchar(length=12, primary_key=True)
    name = Varchar(length=50)
    level = Varchar(length=10)
    parent = Varchar(length=12, null=True, index=True)


class DepartmentRow(Table, tablename="department"):
    code = Varchar(length=40, primary_key=True)
    name = Varchar(length=100)
    phone = Varchar(length=30)


class Hall(Table, tablename="hall"):
    """A service hall (政务服务中心) or a service point (便民服务点) where matters are handled."""

    name = Varchar(length=100)
    kind = Varchar(length=10)  # hall | point
    region_code = Varchar(length=12, index=True)
    address = Varchar(length=200)
    hours = Varchar(length=100)
    phone = Varchar(length=30)


class MatterRow(Table, tablename="matter"):
    """One matter declaration as the catalog serves it; `declaration` is `Matter.to_dict()` JSON."""

    key = Varchar(length=64, primary_key=True)
    version = Varchar(length=20)
    code = Varchar(length=60)
    name = Varchar(length=200)
    type = Varchar(length=20)
    department = Varchar(length=40, index=True)
    for_person = Boolean()
    for_company = Boolean()
    themes = Varchar(length=200)
    online_depth = Integer()
    trips = Integer()
    promised_limit = Integer()
    legal_limit = Integer()
    instant = Boolean()
    free = Boolean()
    is_bundle = Boolean()
    plugin = Varchar(length=100)
    popularity = Integer()
    entry_count = Integer()
    declaration = Text()
    text_tokens = Text()
    synced_at = Timestamptz()


class MatterVersion(Table, tablename="matter_version"):
    """Every version of every matter ever synced, so a case can show the guide it was filed under."""

    key = Varchar(length=64)
    version = Varchar(length=20)
    declaration = Text()
    synced_at = Timestamptz()


class Setting(Table, tablename="setting"):
    """Small named values the host keeps between starts (catalog fingerprint, live figures)."""

    name = Varchar(length=60, primary_key=True)
    value = Text()


class MatterEntry(Table, tablename="matter_entry"):
    """One implementation of a matter in one region (实施清单 row): what browse and search list.

    `id` is the rank by popularity, so `ORDER BY id LIMIT 20` needs no sort. The filter columns are
    copied from the matter so a listing is one indexed query.
    """

    id = Integer(primary_key=True)
    matter_key = Varchar(length=64, index=True)
    name = Varchar(length=200)
    region_code = Varchar(length=12)
    region_name = Varchar(length=50)
    district_code = Varchar(length=12)
    body = Varchar(length=200)
    department = Varchar(length=40)
    for_person = Boolean()
    for_company = Boolean()
    themes = Varchar(length=200)
    online_depth = Integer()
    trips = Integer()
    promised_limit = Integer()
    is_primary = Boolean()
    tokens = Text()
    pinyin = Text()
    initials = Varchar(length=200)
    initials_tokens = Text()
    scope = Varchar(length=40)  # "d<district> [p]": filters the SQLite full-text index can apply


class Account(Table, tablename="account"):
    """A citizen (signs in by phone) or a staff member (signs in by username and password)."""

    kind = Varchar(length=10)  # citizen | staff
    phone = Varchar(length=20, null=True, unique=True)
    username = Varchar(length=40, null=True, unique=True)
    password_hash = Varchar(length=200, null=True)
    role = Varchar(length=20)  # citizen | clerk | reviewer | supervisor | admin
    name = Varchar(length=50, null=True)
    resident_id = Varchar(length=18, null=True)
    verified_at = Timestamptz(null=True)
    region_code = Varchar(length=12, null=True)
    departments = Varchar(length=300, default="")  # space-separated department codes
    hall_id = Integer(null=True)
    created_at = Timestamptz()
    disabled = Boolean(default=False)


class Company(Table, tablename="company"):
    name = Varchar(length=200)
    credit_code = Varchar(length=18, unique=True)
    legal_rep = Varchar(length=50)
    created_at = Timestamptz()


class CompanyMember(Table, tablename="company_member"):
    """A person who may act for a company (legal representative or authorised agent)."""

    company_id = Integer(index=True)
    account_id = Integer(index=True)
    role = Varchar(length=20)  # legal_rep | agent
    created_at = Timestamptz()


class UserSession(Table, tablename="user_session"):
    """Server-side session; the cookie holds a random token whose SHA-256 is the key."""

    token_hash = Varchar(length=64, primary_key=True)
    account_id = Integer(index=True)
    created_at = Timestamptz()
    last_seen = Timestamptz()


class OtpCode(Table, tablename="otp_code"):
    phone = Varchar(length=20, index=True)
    code_hash = Varchar(length=64)
    ip = Varchar(length=64, index=True)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True)
    attempts = Integer(default=0)


class Outbox(Table, tablename="outbox"):
    """Side effects written with the state change and sent by arq jobs (`_job_id` = row id)."""

    kind = Varchar(length=20)  # sms | courier | notification
    recipient = Varchar(length=100)
    body = Text()
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True)
    attempts = Integer(default=0)
    result = Varchar(length=200, null=True)


class Draft(Table, tablename="draft"):
    """A half-filled application: saved on every step and field change, resumable anywhere."""

    account_id = Integer(index=True)
    matter_key = Varchar(length=64)
    matter_version = Varchar(length=20)
    region_code = Varchar(length=12)
    company_id = Integer(null=True)
    answers = Text(default="{}")
    submit_token = Varchar(length=64, unique=True)
    case_number = Varchar(length=40, null=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    entered_by = Integer(null=True)  # added by 0007: a clerk applying for a walk-in applicant


class Upload(Table, tablename="upload"):
    """One file given for one material of a draft or case; the bytes live in the file store."""

    account_id = Integer(index=True)
    draft_id = Integer(null=True, index=True)
    case_id = Integer(null=True, index=True)
    material = Varchar(length=64)
    material_title = Varchar(length=200)
    sha256 = Varchar(length=64)
    filename = Varchar(length=120)
    kind = Varchar(length=10)
    size = Integer()
    created_at = Timestamptz()
    removed_at = Timestamptz(null=True)


class Case(Table, tablename="kb_case"):
    """One application of one matter by one applicant (办件), with its clock."""

    number = Varchar(length=40, unique=True)
    parent_id = Integer(null=True, index=True)
    matter_key = Varchar(length=64, index=True)
    matter_version = Varchar(length=20)
    matter_name = Varchar(length=200)
    department = Varchar(length=40)
    region_code = Varchar(length=12, index=True)
    account_id = Integer(index=True)
    company_id = Integer(null=True)
    applicant_name = Varchar(length=100)
    channel = Varchar(length=10)  # web | mobile | window | kiosk
    entered_by = Integer(null=True)  # staff account when applied on the applicant's behalf
    status = Varchar(length=20, index=True)
    answers = Text()
    idempotency_key = Varchar(length=80, unique=True)
    submitted_at = Timestamptz()
    accepted_at = Timestamptz(null=True)
    promised_due = Date(null=True)
    legal_due = Date(null=True)
    expected_date = Date(null=True)
    updated_at = Timestamptz()


class CaseEvent(Table, tablename="case_event"):
    """Every state change of a case, written in the same transaction as the change."""

    case_id = Integer(index=True)
    status_from = Varchar(length=20, null=True)
    status_to = Varchar(length=20)
    actor_id = Integer(null=True)
    actor_name = Varchar(length=100)
    role = Varchar(length=20)
    channel = Varchar(length=10)
    note = Text(default="")
    at = Timestamptz()


class CasePause(Table, tablename="case_pause"):
    """A span during which a case's clock stands still (waiting for corrections)."""

    case_id = Integer(index=True)
    reason = Varchar(length=20)  # correction
    started_at = Timestamptz()
    ended_at = Timestamptz(null=True)


class CorrectionNotice(Table, tablename="correction_notice"):
    """The one-time notice (一次性告知): everything missing or wrong, listed at once."""

    case_id = Integer(index=True)
    items = Text()  # JSON list of {"kind": "material"|"field", "name", "title", "note"}
    note = Text(default="")
    created_by = Integer()
    created_at = Timestamptz()
    resolved_at = Timestamptz(null=True)


class CaseStep(Table, tablename="case_step"):
    """One declared review or approval step of a case; steps of a parallel group are active together."""

    case_id = Integer(index=True)
    step_key = Varchar(length=64)
    position = Integer()
    stage = Integer()
    name = Varchar(length=100)
    role = Varchar(length=10)
    department = Varchar(length=40)
    parallel_group = Varchar(length=40, null=True)
    status = Varchar(length=10)  # waiting | active | approved | rejected
    opinion = Text(default="")
    actor_id = Integer(null=True)
    actor_name = Varchar(length=100, default="")
    decided_at = Timestamptz(null=True)


class Licence(Table, tablename="licence"):
    """An issued result of a case: an e-licence, a seal record or a decision letter (电子证照)."""

    case_id = Integer(index=True)
    account_id = Integer(index=True)  # the holder's account: /me lists it, only they download it
    company_id = Integer(null=True)
    kind = Varchar(length=10)  # licence | seal | decision
    output_name = Varchar(length=200)
    title = Varchar(length=100)
    number = Varchar(length=60, unique=True)
    holder_name = Varchar(length=200)
    holder_id = Varchar(length=18, default="")  # credit code or resident ID (masked wherever shown publicly)
    issuer = Varchar(length=200)
    matter_key = Varchar(length=64)
    matter_name = Varchar(length=200)
    issued_on = Date()
    valid_until = Date(null=True)  # None: long-term (长期)
    status = Varchar(length=10)  # valid | revoked
    approved = Boolean(default=True)  # a decision letter may be a refusal
    token = Varchar(length=64, unique=True)  # the unguessable part of /verify/{token}
    details = Text(default="{}")  # JSON: lines printed on it, paragraphs of a letter
    created_at = Timestamptz()


class VerifyCheck(Table, tablename="verify_check"):
    """Every public check of a licence (found or not), for the log and the rate limit."""

    licence_id = Integer(null=True, index=True)
    ip = Varchar(length=64)
    found = Boolean()
    at = Timestamptz()


class CaseTally(Table, tablename="case_tally"):
    """How many cases sit in each (region, department, status, due date, day done): the window's tab counts."""

    region_code = Varchar(length=12)
    department = Varchar(length=40)
    status = Varchar(length=20)
    due = Date()
    done_on = Date()
    n = Integer(default=0)


class PendingAnswers(Table, tablename="pending_answers"):
    """Answers posted just after a session expired, until the applicant signs in again (an hour at most)."""

    token_hash = Varchar(length=64, primary_key=True)
    account_id = Integer()  # whose session ran out: only that account's sign-in restores them
    draft_id = Integer()
    posts = Text()  # JSON list of {"page": index or -1, "field": name or "", "pairs": [[key, value], ...]}
    created_at = Timestamptz()


class CaseSequence(Table, tablename="case_sequence"):
    """The daily sequence behind case numbers, per region."""

    prefix = Varchar(length=20, primary_key=True)
    value = Integer()


TABLES: tuple[type[Table], ...] = (
    Migration, Setting, RegionRow, DepartmentRow, Hall, MatterRow, MatterVersion, MatterEntry,
)
class LoginFailure(Table, tablename="login_failure"):
    """Failed staff password sign-ins, to slow down guessing."""

    username = Varchar(length=40, index=True)
    ip = Varchar(length=64, index=True)
    at = Timestamptz()


ACCOUNT_TABLES: tuple[type[Table], ...] = (Account, Company, CompanyMember, UserSession, OtpCode, Outbox)
CASE_TABLES: tuple[type[Table], ...] = (Draft, Upload, Case, CaseEvent, CaseSequence)


def bind(engine) -> None:
    """Point every table at the configured engine (set once at start-up)."""
    for table in TABLES + ACCOUNT_TABLES + CASE_TABLES + (LoginFailure, CasePause, CorrectionNotice, CaseStep, Licence, VerifyCheck, CaseTally, PendingAnswers):
        table._meta._db = engine
