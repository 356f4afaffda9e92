"""A year of on-site visits at real Dazhou departments and district halls; most signed, some with photos."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import select

from dzdesk.demo.context import DemoContext
from dzdesk.demo.images import signature, site_photo
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.timefmt import format_day
from dzdesk.domain.visit import FollowUp, ServiceCategory
from dzdesk.store.incident_models import Incident
from dzdesk.store.visit_repo import VisitDraft, add_attachment, link_incident, save_visit, sign

VISITS = 140
OFFICES = [
    ("达州市住房和城乡建设局", "建管科", "达州市本级", "达州市通川区朝阳中路"),
    ("达州市住房和城乡建设局", "房产科", "达州市本级", "达州市通川区朝阳中路"),
    ("达州市住房和城乡建设局", "设计科", "达州市本级", "达州市通川区朝阳中路"),
    ("达州市住房和城乡建设局", "消防科", "达州市本级", "达州市通川区朝阳中路"),
    ("达州市政务服务中心", "工程建设项目审批窗口", "达州市本级", "达州市通川区西外镇"),
    ("通川区住房和城乡建设局", "建管股", "通川区", ""),
    ("达川区政务服务中心", "住建窗口", "达川区", ""),
    ("万源市住房和城乡建设局", "审批股", "万源市", ""),
    ("宣汉县政务服务中心", "工程建设审批专区", "宣汉县", ""),
    ("开江县住房和城乡建设局", "建管股", "开江县", ""),
    ("大竹县政务服务中心", "住建窗口", "大竹县", ""),
    ("渠县住房和城乡建设局", "质量安全股", "渠县", ""),
    ("达州高新区管委会", "规划建设局", "达州高新区", ""),
    ("东部经开区管委会", "建设局", "东部经开区", ""),
]
WORK = {
    ServiceCategory.FUNCTION: "检查{p}运行情况，处理窗口反映的功能问题，更新浏览器打印控件。",
    ServiceCategory.SECURITY: "检查终端安全软件与补丁，核对账号权限，清理离职人员账号。",
    ServiceCategory.RESEARCH: "与科室座谈，收集对{p}统计报表和办件流程的改进需求。",
    ServiceCategory.ASSURANCE: "重大项目集中审批期间现场值守，保障{p}稳定运行。",
    ServiceCategory.BRIEFING: "协助科室整理{p}运行情况汇报材料并录制操作演示视频。",
    ServiceCategory.TRAINING: "现场指导窗口人员使用{p}新版受理流程。",
}
CONTACTS = ["张科长", "王主任", "刘股长", "陈老师", "杨工", "赵主任"]
SIGNERS = ["张建国", "王丽", "刘强", "陈红", "杨勇", "赵敏"]
ENGINEER_TEAMS = ["李明", "李明、王强", "邓雪", "蒋涛、邓雪"]


def fill(demo: DemoContext) -> int:
    rng, session = demo.rng, demo.session
    incidents = session.scalars(select(Incident).where(Incident.channel == "on_site")).all()
    start = datetime(2026, 1, 5, tzinfo=SHANGHAI)
    days = max(1, min((demo.now - start).days - 1, 360))
    count = 0
    with TemporaryDirectory() as scratch:
        for index in range(VISITS):
            office, department, district, address = rng.choice(OFFICES)
            day = start + timedelta(days=rng.randrange(days))
            if not demo.calendar.is_working_day(day.date()):
                continue
            arrived = day.replace(hour=rng.choice([9, 10, 14, 15]), minute=rng.choice([0, 10, 20, 30]))
            departed = arrived + timedelta(minutes=rng.randrange(60, 200))
            if departed > demo.now:
                continue
            platforms = rng.choice([("approval",), ("credit",), ("approval", "credit")])
            names = "、".join(demo.catalogue.platform(p).short_name for p in platforms)
            categories = tuple(rng.sample(list(ServiceCategory), k=rng.choice([1, 1, 2])))
            follow_ups = ()
            if rng.random() < 0.3:
                follow_ups = (FollowUp("提交需求评估与排期", (departed + timedelta(days=14)).date(),
                                       done=departed < demo.now - timedelta(days=20)),)
            draft = VisitDraft(
                office=office, department=department, district=district, address=address, platforms=platforms,
                categories=categories, engineers=rng.choice(ENGINEER_TEAMS), arrived_at=arrived,
                departed_at=departed, work_done="".join(WORK[c].format(p=names) for c in categories),
                problems_found=rng.choice(["", "", "个别电脑浏览器版本过旧，已升级。", "窗口打印机驱动异常，已重装。"]),
                contact_name=rng.choice(CONTACTS), contact_phone=f"0818-{rng.randrange(2100000, 2999999)}",
                follow_ups=follow_ups,
            )
            visit = save_visit(session, draft, demo.now)
            if rng.random() < 0.25:
                for n in range(rng.choice([1, 2, 4])):
                    photo = Path(scratch) / f"现场照片{index}-{n + 1}.jpg"
                    photo.write_bytes(site_photo(rng, f"{office} {department} {format_day(arrived)}"))
                    add_attachment(session, visit, demo.blobs, photo, caption=f"现场工作照片 {n + 1}")
            if incidents and rng.random() < 0.2:
                link_incident(session, visit, rng.choice(incidents), demo.now)
            if rng.random() < 0.9 or departed < demo.now - timedelta(days=30):
                sign(session, visit, rng.choice(SIGNERS), signature(rng), demo.blobs, departed)
            count += 1
    return count

