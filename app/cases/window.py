"""The window's rules: who may see which case, the queues, and intake decisions (受理/不予受理/补正).

Scope is always applied in SQL, so a clerk of 渝中区 never even loads a 南岸区 case.
"""

from __future__ import annotations

import datetime
import json

from piccolo.engine.base import Engine

from app.accounts.sessions import CurrentAccount
from app.cases import status as st
from app.cases import tally
from app.cases.service import CaseError, _event, move, notify
from app.clock import Clock, Pause, stored_moment
from app.db.engine import fetch
from app.licences import service as licences
from app.outbox import queue_sms
from plugins.geography import CITY_CODE

TABS = {
    "intake": ("待受理", (st.SUBMITTED, st.RESUBMITTED)),
    "correction": ("补正中", (st.CORRECTION,)),
    "review": ("审核中", (st.ACCEPTED, st.IN_REVIEW, st.APPROVED, st.REJECTED)),
    "near": ("即将超时", (st.ACCEPTED, st.IN_REVIEW, st.APPROVED, st.REJECTED)),
    "overdue": ("已超时", (st.ACCEPTED, st.IN_REVIEW, st.APPROVED, st.REJECTED)),
    "done": ("已办结", (st.COMPLETED, st.DELIVERED, st.REFUSED)),
}
NEAR_DAYS = 2
PAGE = 50


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _region_part(account: CurrentAccount, alias: str) -> tuple[str, list]:
    if account.region_code and account.region_code != CITY_CODE:
        # A district and its towns share the 6-digit prefix: a range the queue index can use.
        district = account.region_code[:6]
        return f"{alias}.region_code >= {{}} AND {alias}.region_code < {{}}", [district, str(int(district) + 1)]
    return "1=1", []


def _departments(account: CurrentAccount) -> tuple[str, ...]:
    """The departments that bound a clerk's or reviewer's scope (none: supervisors and admins)."""
    return tuple(account.departments) if account.role in ("clerk", "reviewer") and account.departments else ()


PENDING_STEPS = "('waiting', 'active')"


def _told(pm, case: dict, to: str, actor: CurrentAccount, note: str = "") -> None:
    """Tell plugins, after the commit, that the window moved this case from the state it had."""
    notify(pm, {"case": case["number"], "from": case["status"], "to": to, "actor": actor.display_name,
                "role": actor.role, "channel": "window", "note": note, "at": _now().isoformat()})


def scope(account: CurrentAccount, alias: str = "c", *, pending_steps: bool = False) -> tuple[str, list]:
    """SQL for the cases this staff member may see: their region (and below), their departments.

    A department also sees cases in which it holds a step (the fire review of a construction
    permit); its queues (`pending_steps`) list those only while that step is still to come or open."""
    where, args = _region_part(account, alias)
    departments = _departments(account)
    if departments:
        marks = ", ".join("{}" for _ in departments)
        pending = f" AND s.status IN {PENDING_STEPS}" if pending_steps else ""
        where += (f" AND ({alias}.department IN ({marks}) OR EXISTS (SELECT 1 FROM case_step s "
                  f"WHERE s.case_id = {alias}.id AND s.department IN ({marks}){pending}))")
        args = args + list(departments) * 2
    return where, args


WORKING = (st.ACCEPTED, st.IN_REVIEW, st.APPROVED, st.REJECTED)


async def counts(engine: Engine, account: CurrentAccount, today: datetime.date) -> dict[str, int]:
    """Tab counts from the maintained tally (never a count over the scope's cases), plus the cases of
    other departments in which one of this person's departments has a step waiting or open."""
    region_sql, region_args = _region_part(account, "c")
    departments = _departments(account)
    where, args = region_sql, list(region_args)
    if departments:
        where += " AND c.department IN (" + ", ".join("{}" for _ in departments) + ")"
        args += departments
    result = dict.fromkeys(TABS, 0)
    for row in await tally.rows_in(engine, where, args):
        _count_one(result, row["status"], tally._date(row["due"]), tally._date(row["done_on"]), row["n"], today)
    if departments:
        marks = ", ".join("{}" for _ in departments)
        held = await fetch(
            engine,
            "SELECT DISTINCT c.id, c.status, c.promised_due FROM case_step s JOIN kb_case c ON c.id = s.case_id "
            f"WHERE s.department IN ({marks}) AND s.status IN {PENDING_STEPS} "
            f"AND c.department NOT IN ({marks}) AND {region_sql}",
            *departments, *departments, *region_args,
        )
        for row in held:
            _count_one(result, row["status"], tally._date(row["promised_due"]), tally.NONE, 1, today)
    return result


def _count_one(result: dict, status: str, due: datetime.date, done_on: datetime.date, n: int,
               today: datetime.date) -> None:
    if status in (st.SUBMITTED, st.RESUBMITTED):
        result["intake"] += n
    elif status == st.CORRECTION:
        result["correction"] += n
    elif status in WORKING:
        result["review"] += n
        if due != tally.NONE and due < today:
            result["overdue"] += n
        elif due != tally.NONE and due <= today + datetime.timedelta(days=NEAR_DAYS):
            result["near"] += n
    elif status in tally.DONE and done_on == today:
        result["done"] += n


async def counted_by_scan(engine: Engine, account: CurrentAccount, today: datetime.date) -> dict[str, int]:
    """The same counts as `count(*)` over each tab's own list query (a scan): what the tally is tested against."""
    result = {}
    for tab in TABS:
        where, args = _tab_filter(account, tab, today)
        rows = await fetch(engine, f"SELECT count(*) AS n FROM kb_case c WHERE {where}", *args)
        result[tab] = int(rows[0]["n"])
    return result


def _start_of(today: datetime.date) -> datetime.datetime:
    """Midnight in China, in UTC."""
    return datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC) - datetime.timedelta(hours=8)


def _tab_filter(account: CurrentAccount, tab: str, today: datetime.date) -> tuple[str, list]:
    """The cases of one tab: the counts and the lists agree because both start here."""
    where, args = scope(account, pending_steps=True)
    statuses = TABS.get(tab, TABS["intake"])[1]
    where += " AND c.status IN (" + ", ".join("{}" for _ in statuses) + ")"
    args += list(statuses)
    if tab == "intake":
        where += " AND c.parent_id IS NULL"  # a bundle is taken in as one, at its main case
    if tab == "overdue":
        where += " AND c.promised_due < {}"
        args.append(today)
    elif tab == "near":
        where += " AND c.promised_due >= {} AND c.promised_due <= {}"
        args += [today, today + datetime.timedelta(days=NEAR_DAYS)]
    elif tab == "done":
        where += " AND c.updated_at >= {}"
        args.append(_start_of(today))
    return where, args


async def queue(engine: Engine, account: CurrentAccount, tab: str, today: datetime.date,
                matter: str = "", channel: str = "", applicant: str = "") -> list[dict]:
    where, args = _tab_filter(account, tab, today)
    if matter:
        where += " AND c.matter_key = {}"
        args.append(matter)
    if channel:
        where += " AND c.channel = {}"
        args.append(channel)
    if applicant:
        where += " AND instr(c.applicant_name, {}) > 0" if engine.engine_type == "sqlite" else \
            " AND strpos(c.applicant_name, {}) > 0"
        args.append(applicant)
    rows = await fetch(
        engine,
        "SELECT c.id, c.number, c.matter_name, c.applicant_name, c.channel, c.status, c.submitted_at, "
        f"c.promised_due, c.region_code FROM kb_case c WHERE {where} ORDER BY c.promised_due, c.id LIMIT {PAGE}",
        *args,
    )
    for row in rows:
        row["status_label"] = st.LABELS.get(row["status"], row["status"])
    return rows


async def sees_case(engine: Engine, account: CurrentAccount, case_id: int) -> bool:
    """Whether this staff member's scope holds the case (for what hangs off it: files, results)."""
    where, args = scope(account)
    return bool(await fetch(engine, f"SELECT 1 AS seen FROM kb_case c WHERE c.id = {{}} AND {where}", case_id, *args))


async def case_in_scope(engine: Engine, account: CurrentAccount, number: str) -> dict | None:
    """The case if this staff member may see it; None (a 404) otherwise — existence does not leak."""
    where, args = scope(account)
    rows = await fetch(engine, f"SELECT * FROM kb_case c WHERE c.number = {{}} AND {where}", number, *args)
    return rows[0] if rows else None


async def _move(engine: Engine, case: dict, to: str, actor: CurrentAccount, note: str, extra_sql: str = "",
                extra_args: tuple = ()) -> None:
    await move(engine, case, to, actor_id=actor.id, actor_name=actor.display_name, role=actor.role,
               channel="window", note=note, extra_sql=extra_sql, extra_args=extra_args)


REVIEW_ROLES = ("审核", "审批")


async def accept(engine: Engine, clock: Clock, case: dict, actor: CurrentAccount, matter, pm=None,
                 members: dict | None = None) -> None:
    """受理: the clock starts now; promised and legal dates are counted from today; the review steps
    open (a parallel group's steps at once). A bundle (一件事) is taken in as one: accepting its main
    case accepts every member case, whose departments then review their own parts."""
    if case["parent_id"] is not None:
        raise CaseError("该事项随“一件事”一并办理，请在主办件上统一受理")
    if case["status"] not in (st.SUBMITTED, st.RESUBMITTED):
        raise CaseError(f"办件当前为“{st.LABELS.get(case['status'], case['status'])}”，不能受理，请刷新页面查看最新状态")
    today = clock.local_date(_now())
    if matter is not None and matter.is_bundle:
        promised = clock.add_working_days(today, matter.promised_limit)
        legal = clock.add_working_days(today, matter.legal_limit)
        async with engine.transaction():
            await _move(engine, case, st.ACCEPTED, actor, "一件事统一受理",
                        ", accepted_at = {}, promised_due = {}, legal_due = {}",
                        (_now(), promised, legal))
            await _close_pauses(engine, case["id"])
            slowest = promised
            for child in await fetch(engine, "SELECT * FROM kb_case WHERE parent_id = {} ORDER BY id", case["id"]):
                if child["status"] not in (st.SUBMITTED, st.RESUBMITTED):
                    continue
                member = (members or {}).get(child["matter_key"])
                if member is None:
                    raise CaseError(f"“{child['matter_name']}”已不在事项目录中，无法一并受理，请联系管理员")
                slowest = max(slowest, await _accept_one(engine, clock, child, actor, member, today,
                                                         f"随“{matter.name}”统一受理"))
            await fetch(engine, "UPDATE kb_case SET expected_date = {} WHERE id = {}", slowest, case["id"])
            await _sms(engine, case, f"【快办】您的“{case['matter_name']}”（{case['number']}）已受理，"
                                     f"各事项将同步办理，预计{slowest:%Y年%m月%d日}前全部办结。")
    else:
        async with engine.transaction():
            promised = await _accept_one(engine, clock, case, actor, matter, today, "受理")
            await _sms(engine, case, f"【快办】您的“{case['matter_name']}”（{case['number']}）已受理，"
                                     f"承诺于{promised:%Y年%m月%d日}前办结。")
    _told(pm, case, st.ACCEPTED, actor)


async def _accept_one(engine: Engine, clock: Clock, case: dict, actor: CurrentAccount, matter,
                      today: datetime.date, note: str) -> datetime.date:
    """Accept one case inside the caller's transaction: dates from today, its review steps opened."""
    promised = clock.add_working_days(today, matter.promised_limit)
    legal = clock.add_working_days(today, matter.legal_limit)
    await _move(engine, case, st.ACCEPTED, actor, note,
                ", accepted_at = {}, promised_due = {}, legal_due = {}, expected_date = {}",
                (_now(), promised, legal, promised))
    await _close_pauses(engine, case["id"])
    reviews = [s for s in matter.steps if s.role.value in REVIEW_ROLES]
    if reviews:
        stage, previous_group = 0, object()
        for position, step in enumerate(reviews):
            if step.parallel_group is None or step.parallel_group != previous_group:
                stage += 1
            previous_group = step.parallel_group
            await fetch(
                engine,
                "INSERT INTO case_step (case_id, step_key, position, stage, name, role, department, parallel_group, "
                "status, opinion, actor_id, actor_name, decided_at) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, '', "
                "NULL, '', NULL)",
                case["id"], step.key, position, stage, step.name, step.role.value, step.department,
                step.parallel_group, "active" if stage == 1 else "waiting",
            )
        await _move(engine, {**case, "status": st.ACCEPTED}, st.IN_REVIEW, actor, "进入审核环节")
    return promised


async def refuse(engine: Engine, case: dict, actor: CurrentAccount, reason: str, pm=None) -> None:
    """不予受理, always with the reason the applicant will read."""
    reason = reason.strip()
    if case["parent_id"] is not None:
        raise CaseError("该事项随“一件事”一并办理，请在主办件上统一决定")
    if not reason:
        raise CaseError("请填写不予受理的理由")
    async with engine.transaction():
        await _move(engine, case, st.REFUSED, actor, reason)
        for child in await fetch(engine, "SELECT * FROM kb_case WHERE parent_id = {} AND status IN ({}, {})",
                                 case["id"], st.SUBMITTED, st.RESUBMITTED):  # a bundle is refused as one
            await _move(engine, child, st.REFUSED, actor, f"随主办件不予受理：{reason}")
        await _sms(engine, case, f"【快办】您的“{case['matter_name']}”（{case['number']}）不予受理，"
                                 f"理由：{reason[:60]}。详情请登录快办查看。")
    _told(pm, case, st.REFUSED, actor, reason)


async def may_notice(engine: Engine, case: dict, actor: CurrentAccount) -> bool:
    """Who may send a one-time notice: a clerk at intake or during the review, and a reviewer while
    one of their department's steps is open."""
    if case["status"] in (st.SUBMITTED, st.RESUBMITTED):
        return actor.role in ("clerk", "admin") and case["parent_id"] is None  # a bundle's at its main case
    if case["status"] not in (st.ACCEPTED, st.IN_REVIEW):
        return False
    if await fetch(engine, "SELECT 1 AS bundle FROM kb_case WHERE parent_id = {} LIMIT 1", case["id"]):
        return False  # an accepted bundle is reviewed in its members: a notice goes on the member concerned
    if actor.role in ("clerk", "admin"):
        return True
    return actor.role == "reviewer" and any(
        s["status"] == "active" and s["department"] in actor.departments for s in await steps_of(engine, case["id"]))


async def request_correction(engine: Engine, case: dict, actor: CurrentAccount, items: list[dict], note: str,
                             pm=None) -> None:
    """一次性告知: every missing or wrong item at once; the clock pauses until the applicant resubmits."""
    if not items:
        raise CaseError("请勾选需要补正的材料或信息")
    now = _now()
    async with engine.transaction():
        await _move(engine, case, st.CORRECTION, actor, note.strip() or f"一次性告知补正{len(items)}项")
        await fetch(
            engine,
            "INSERT INTO correction_notice (case_id, items, note, created_by, created_at, resolved_at) "
            "VALUES ({}, {}, {}, {}, {}, NULL)",
            case["id"], json.dumps(items, ensure_ascii=False), note.strip(), actor.id, now,
        )
        await fetch(engine, "INSERT INTO case_pause (case_id, reason, started_at, ended_at) "
                            "VALUES ({}, 'correction', {}, NULL)", case["id"], now)
        await _sms(engine, case, f"【快办】您的“{case['matter_name']}”（{case['number']}）需补正{len(items)}项，"
                                 "请登录快办查看一次性告知清单并补正。")
    _told(pm, case, st.CORRECTION, actor, note)


async def open_notice(engine: Engine, case_id: int) -> dict | None:
    rows = await fetch(engine, "SELECT id, items, note, created_at FROM correction_notice WHERE case_id = {} "
                               "AND resolved_at IS NULL ORDER BY id DESC LIMIT 1", case_id)
    if not rows:
        return None
    return {**rows[0], "items": json.loads(rows[0]["items"])}


async def _close_pauses(engine: Engine, case_id: int) -> None:
    await fetch(engine, "UPDATE case_pause SET ended_at = {} WHERE case_id = {} AND ended_at IS NULL", _now(), case_id)


async def _sms(engine: Engine, case: dict, text: str) -> None:
    rows = await fetch(engine, "SELECT phone FROM account WHERE id = {}", case["account_id"])
    if rows and rows[0]["phone"]:
        await queue_sms(engine, rows[0]["phone"], text)


async def resubmit(engine: Engine, clock: Clock, case: dict, matter, account_id: int, actor_name: str,
                   pm=None) -> None:
    """The applicant has corrected everything on the notice. Before acceptance the case goes back to
    the intake queue; after it, back to its review with the clock running again and the due dates
    moved on by the working days it stood still."""
    notice = await open_notice(engine, case["id"])
    if case["status"] != st.CORRECTION or notice is None:
        raise CaseError("办件当前无需补正")
    missing = []
    for item in notice["items"]:
        if item["kind"] == "material":
            rows = await fetch(engine, "SELECT count(*) AS n FROM upload WHERE case_id = {} AND material = {} "
                                       "AND removed_at IS NULL AND created_at > {}",
                               case["id"], item["name"], notice["created_at"])
            if not rows[0]["n"]:
                missing.append(item["title"])
    if missing:
        raise CaseError("请先上传补正材料：" + "、".join(missing))
    now = _now()
    to, extra_sql, extra_args = st.RESUBMITTED, "", ()
    async with engine.transaction():
        await fetch(engine, "UPDATE correction_notice SET resolved_at = {} WHERE id = {}", now, notice["id"])
        await _close_pauses(engine, case["id"])
        if case["accepted_at"]:
            if matter is None:
                raise CaseError("该事项已不在事项目录中，请联系窗口工作人员")
            accepted = stored_moment(case["accepted_at"])
            rows = await fetch(engine, "SELECT started_at, ended_at FROM case_pause WHERE case_id = {}", case["id"])
            pauses = [Pause(start=stored_moment(r["started_at"]), end=stored_moment(r["ended_at"]) if r["ended_at"] else None)
                      for r in rows if stored_moment(r["started_at"]) >= accepted]
            promised = clock.due_date(accepted, matter.promised_limit, pauses)
            legal = clock.due_date(accepted, matter.legal_limit, pauses)
            to = st.IN_REVIEW if await steps_of(engine, case["id"]) else st.ACCEPTED
            extra_sql, extra_args = ", promised_due = {}, legal_due = {}, expected_date = {}", (promised, legal, promised)
        await move(engine, case, to, actor_id=account_id, actor_name=actor_name, role="applicant",
                   channel="web", note="已按一次性告知补正", extra_sql=extra_sql, extra_args=extra_args)
    notify(pm, {"case": case["number"], "from": st.CORRECTION, "to": to, "actor": actor_name,
                "role": "applicant", "channel": "web", "note": "", "at": now.isoformat()})


async def steps_of(engine: Engine, case_id: int) -> list[dict]:
    return await fetch(engine, "SELECT * FROM case_step WHERE case_id = {} ORDER BY position", case_id)


async def decide_step(engine: Engine, case: dict, step_key: str, actor: CurrentAccount, approve: bool,
                      opinion: str, pm=None) -> None:
    """A reviewer's opinion on an active step of their department. A parallel group completes only
    when all its members approved; the last approval approves the case, any rejection rejects it."""
    opinion = opinion.strip()
    if not opinion:
        raise CaseError("请填写审核意见")
    now = _now()
    async with engine.transaction():
        rows = await fetch(engine, "SELECT * FROM case_step WHERE case_id = {} AND step_key = {}", case["id"], step_key)
        if not rows:
            raise CaseError("没有这个审核环节")
        step = rows[0]
        if actor.role != "admin" and step["department"] not in actor.departments:
            raise PermissionError("not this department's step")
        if case["status"] == st.CORRECTION:
            raise CaseError("办件正在等待申请人补正，补正后才能继续审核")
        if step["status"] != "active":
            raise CaseError("该环节当前不可审核")
        decided = await fetch(
            engine,
            "UPDATE case_step SET status = {}, opinion = {}, actor_id = {}, actor_name = {}, decided_at = {} "
            "WHERE id = {} AND status = 'active' RETURNING id",
            "approved" if approve else "rejected", opinion, actor.id, actor.display_name, now, step["id"],
        )
        if not decided:
            raise CaseError("该环节已被其他工作人员处理，请刷新后查看")
        await _event(engine, case["id"], case["status"], case["status"], actor.id, actor.display_name, actor.role,
                     "window", f"{step['name']}：{'同意' if approve else '不同意'}。{opinion}", now)
        if not approve:
            await _move(engine, case, st.REJECTED, actor, f"{step['name']}未通过")
            await fetch(engine, "UPDATE case_step SET status = 'skipped' WHERE case_id = {} "
                                "AND status IN ('active', 'waiting')", case["id"])  # nothing left to review
            await _sms(engine, case, f"【快办】您的“{case['matter_name']}”（{case['number']}）审核未通过，"
                                     "办结后可登录快办查看决定书及理由。")
            return
        open_in_stage = await fetch(engine, "SELECT count(*) AS n FROM case_step WHERE case_id = {} AND stage = {} "
                                            "AND status = 'active'", case["id"], step["stage"])
        if open_in_stage[0]["n"]:
            return  # the rest of the parallel group still reviews
        following = await fetch(engine, "SELECT min(stage) AS next FROM case_step WHERE case_id = {} AND status = 'waiting'",
                                case["id"])
        if following[0]["next"] is not None:
            await fetch(engine, "UPDATE case_step SET status = 'active' WHERE case_id = {} AND stage = {}",
                        case["id"], following[0]["next"])
        else:
            await _move(engine, case, st.APPROVED, actor, "全部审核环节通过")
            await _sms(engine, case, f"【快办】您的“{case['matter_name']}”（{case['number']}）已审核通过，即将办结。")
    notify(pm, {"case": case["number"], "step": step_key, "approve": approve, "actor": actor.display_name,
                "role": actor.role, "channel": "window", "note": opinion, "at": now.isoformat()})


async def complete(engine: Engine, clock: Clock, case: dict, actor: CurrentAccount, matter, result: str,
                   pm=None, tell: bool = True) -> list[dict]:
    """办结 with the result the applicant reads; every declared output is issued in the same
    transaction (a rejected case gets its decision letter with the reviewers' reasons)."""
    result = result.strip()
    if not result:
        raise CaseError("请填写办结结果")
    if matter is not None and matter.is_bundle:
        raise CaseError("“一件事”在其全部事项办结后自动办结")
    approved = case["status"] != st.REJECTED
    today = clock.local_date(_now())
    async with engine.transaction():
        reasons = [f"{s['name']}：{s['opinion']}" for s in await steps_of(engine, case["id"]) if s["status"] == "rejected"]
        await _move(engine, case, st.COMPLETED, actor, result)
        issued = await licences.issue(engine, pm, case, matter, approved=approved, result=result, reasons=reasons,
                                      issued_on=today)
        got = "，可登录快办下载" + "、".join(i["title"] for i in issued) if issued else ""
        await _sms(engine, case, f"【快办】您的“{case['matter_name']}”（{case['number']}）已办结：{result[:40]}{got[:60]}。")
        if case["parent_id"] is not None:
            await _complete_bundle_when_done(engine, case["parent_id"], actor)
    if tell:  # plugins hear of it after the commit (finish_at_counter tells them once, at its end)
        _told(pm, case, st.COMPLETED, actor, result)
    return issued


async def _complete_bundle_when_done(engine: Engine, parent_id: int, actor: CurrentAccount) -> None:
    """The last member case of a bundle to finish completes the bundle (inside the caller's transaction)."""
    lock = " FOR UPDATE" if engine.engine_type == "postgres" else ""  # SQLite's one writer already serialises
    parent = (await fetch(engine, f"SELECT * FROM kb_case WHERE id = {{}}{lock}", parent_id))[0]
    open_members = await fetch(engine, "SELECT count(*) AS n FROM kb_case WHERE parent_id = {} AND status NOT IN "
                                       "({}, {}, {})", parent_id, st.COMPLETED, st.DELIVERED, st.REFUSED)
    if open_members[0]["n"] or parent["status"] != st.ACCEPTED:
        return
    await move(engine, parent, st.COMPLETED, actor_id=actor.id, actor_name=actor.display_name, role=actor.role,
               channel="window", note="一件事全部事项已办结")
    await _sms(engine, parent, f"【快办】您的“{parent['matter_name']}”（{parent['number']}）全部事项已办结，"
                               "可登录快办查看并下载办理结果。")


async def finish_at_counter(engine: Engine, clock: Clock, case: dict, actor: CurrentAccount, matter, result: str,
                            pm=None) -> list[dict]:
    """即办件: accept, approve the clerk's own review steps and complete in one sitting at the counter."""
    result = result.strip()
    if matter is None or not matter.instant:
        raise CaseError("该事项不是即办件，请按受理、审核、办结的流程办理")
    if not result:
        raise CaseError("请填写办结结果")
    reviews = [s for s in matter.steps if s.role.value in REVIEW_ROLES]
    if actor.role != "admin" and any(s.department not in actor.departments for s in reviews):
        raise CaseError("该即办件的审核环节不在您的职责范围内，请按常规流程流转")
    async with engine.transaction():  # one sitting, one transaction: all of it happens or none of it
        await accept(engine, clock, case, actor, matter)
        current = await _fresh(engine, case["id"])
        while active := [s for s in await steps_of(engine, case["id"]) if s["status"] == "active"]:
            for step in active:  # stage by stage, a parallel group's steps together
                await decide_step(engine, current, step["step_key"], actor, True, "当场审核通过（即办件）")
                current = await _fresh(engine, case["id"])
        issued = await complete(engine, clock, current, actor, matter, result, pm=pm, tell=False)
    _told(pm, case, st.COMPLETED, actor, result)
    return issued


async def _fresh(engine: Engine, case_id: int) -> dict:
    rows = await fetch(engine, "SELECT * FROM kb_case WHERE id = {}", case_id)
    return rows[0]


async def clock_of(engine: Engine, clock: Clock, case: dict, matter) -> dict | None:
    """Working days used and left against the promised limit, and whether the clock stands still."""
    if not case["accepted_at"] or matter is None:
        return None
    rows = await fetch(engine, "SELECT started_at, ended_at FROM case_pause WHERE case_id = {} ORDER BY id", case["id"])
    pauses = [Pause(start=stored_moment(r["started_at"]), end=stored_moment(r["ended_at"]) if r["ended_at"] else None) for r in rows]
    accepted = stored_moment(case["accepted_at"])
    pauses = [p for p in pauses if p.start >= accepted]  # a correction before acceptance: the clock had not started
    done = case["status"] in (st.COMPLETED, st.DELIVERED)
    at = stored_moment(case["updated_at"]) if done else None
    used = clock.working_days_used(accepted, pauses, at)
    return {"used": used, "left": matter.promised_limit - used, "limit": matter.promised_limit,
            "paused": clock.is_paused(pauses), "done": done}


async def staff_name(engine: Engine, account_id: int | None) -> str:
    if not account_id:
        return ""
    rows = await fetch(engine, "SELECT name, username FROM account WHERE id = {}", account_id)
    return (rows[0]["name"] or rows[0]["username"]) if rows else ""


async def applicant_of(engine: Engine, case: dict) -> dict:
    """Who applied: the person (real name, ID, phone) and the company they act for, for the window's checks."""
    person = await fetch(engine, "SELECT name, resident_id, phone FROM account WHERE id = {}", case["account_id"])
    company = await fetch(engine, "SELECT name, credit_code, legal_rep FROM company WHERE id = {}",
                          case["company_id"]) if case["company_id"] else []
    return {"person": person[0] if person else {}, "company": company[0] if company else None}


async def number_of(engine: Engine, case_id: int | None) -> str:
    if case_id is None:
        return ""
    rows = await fetch(engine, "SELECT number FROM kb_case WHERE id = {}", case_id)
    return rows[0]["number"] if rows else ""
