"""Case statuses, the moves allowed between them, and how applicants read them."""

from __future__ import annotations

SUBMITTED = "submitted"
ACCEPTED = "accepted"
REFUSED = "refused"
CORRECTION = "correction"
RESUBMITTED = "resubmitted"
IN_REVIEW = "in_review"
APPROVED = "approved"
REJECTED = "rejected"
COMPLETED = "completed"
DELIVERED = "delivered"

MOVES: dict[str | None, set[str]] = {
    None: {SUBMITTED},
    SUBMITTED: {ACCEPTED, REFUSED, CORRECTION},
    # A notice after acceptance pauses the running clock; the fixed case goes back where it was.
    CORRECTION: {RESUBMITTED, ACCEPTED, IN_REVIEW},
    RESUBMITTED: {ACCEPTED, REFUSED, CORRECTION},
    ACCEPTED: {IN_REVIEW, APPROVED, REJECTED, COMPLETED, CORRECTION},
    IN_REVIEW: {APPROVED, REJECTED, CORRECTION},
    APPROVED: {COMPLETED},
    REJECTED: {COMPLETED},
    COMPLETED: {DELIVERED},
    REFUSED: set(),
    DELIVERED: set(),
}

LABELS = {
    SUBMITTED: "已提交，待受理",
    ACCEPTED: "已受理",
    REFUSED: "不予受理",
    CORRECTION: "待补正",
    RESUBMITTED: "已补正，待受理",
    IN_REVIEW: "审核中",
    APPROVED: "审核通过",
    REJECTED: "审核不通过",
    COMPLETED: "已办结",
    DELIVERED: "已送达",
}

NEXT_STEP = {
    SUBMITTED: "您的申请已提交，窗口工作人员将在1个工作日内进行受理审查，请留意短信通知。",
    RESUBMITTED: "补正材料已提交，请等待窗口工作人员重新审查。",
    CORRECTION: "请按一次性告知清单补正材料后重新提交。",
    ACCEPTED: "已受理，正在办理中，无需您进行操作。",
    IN_REVIEW: "正在审核中，无需您进行操作。",
    APPROVED: "审核已通过，即将办结。",
    REJECTED: "审核未通过，请查看决定书了解原因。",
    REFUSED: "申请不予受理，请查看原因说明。",
    COMPLETED: "已办结，可下载办理结果。",
    DELIVERED: "办理结果已送达。",
}

# How an applicant's cases are grouped on /me: what needs them first.
GROUPS = (
    ("action", "待我补正", {CORRECTION}),
    ("open", "办理中", {SUBMITTED, RESUBMITTED, ACCEPTED, IN_REVIEW, APPROVED, REJECTED}),
    ("done", "已办结", {COMPLETED, DELIVERED}),
    ("refused", "不予受理", {REFUSED}),
)


def grouped(cases: list[dict]) -> list[dict]:
    """The non-empty groups of GROUPS, in order, each with its cases (newest first, as given)."""
    return [{"key": key, "label": label, "cases": [c for c in cases if c["status"] in statuses]}
            for key, label, statuses in GROUPS if any(c["status"] in statuses for c in cases)]
