"""Training sessions through the year, with rosters from the bureau's units and realistic attendance."""

from __future__ import annotations

from datetime import datetime, timedelta

from dzdesk.demo.context import DemoContext
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.training import Attendance, RosterEntry, TrainingKind
from dzdesk.store.training_repo import TrainingDraft, add_attendees, check_in, save_training

SESSIONS = [
    ("审批系统网上大厅申报操作培训", ("approval",), TrainingKind.USAGE, "网上大厅、综合受理"),
    ("联合验收与多测合一业务培训", ("approval",), TrainingKind.USAGE, "联合验收、多测合一"),
    ("信用信息采集与异议处理培训", ("credit",), TrainingKind.USAGE, "信用信息采集、异议管理"),
    ("信用修复办理流程培训", ("credit",), TrainingKind.USAGE, "信用修复"),
    ("审批系统运行维护培训", ("approval",), TrainingKind.OPERATIONS, "效能监管、数字审图"),
    ("信用平台日常运维与数据共享培训", ("credit",), TrainingKind.OPERATIONS, "数据共享对接、系统管理"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏辉建国志"
UNITS = ["达川区住建局", "通川区住建局", "渠县政务服务中心", "宣汉县住建局", "大竹县住建局", "开江县住建局",
         "万源市住建局", "达州高新区规划建设局", "东部经开区建设局", "四川达州某建设工程有限公司",
         "达州某工程监理有限公司", "达州某勘察设计院"]


def fill(demo: DemoContext) -> int:
    rng = demo.rng
    count = 0
    for month in range(1, 12):
        for title, platforms, kind, modules in rng.sample(SESSIONS, k=2):
            day = datetime(2026, month, rng.randrange(3, 27), 9, 30 if rng.random() < 0.5 else 0, tzinfo=SHANGHAI)
            while not demo.calendar.is_working_day(day.date()):
                day += timedelta(days=1)
            if day > demo.now + timedelta(days=20):
                continue
            district = rng.choice(demo.catalogue.districts)
            training = save_training(demo.session, TrainingDraft(
                title=title, starts_at=day, ends_at=day + timedelta(hours=2, minutes=30), platforms=platforms,
                kind=kind, modules=modules, venue=f"{district}政务服务中心会议室", district=district,
                trainers=rng.choice(["李明", "邓雪", "蒋涛、王强"]), target_units="、".join(rng.sample(UNITS, 3))))
            people: dict[str, RosterEntry] = {}
            size = rng.randrange(20, 61)
            while len(people) < size:
                phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
                name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))
                role = rng.choice(["科员", "窗口人员", "项目经理", ""])
                people[phone] = RosterEntry(name, rng.choice(UNITS), "", phone, role)
            attendees = add_attendees(demo.session, training, list(people.values()))
            if day < demo.now:
                for attendee in attendees:
                    status = rng.choices([Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY,
                                          Attendance.ABSENT, Attendance.EXCUSED], weights=[80, 8, 3, 6, 3])[0]
                    check_in(attendee, status, day + timedelta(minutes=rng.randrange(-20, 25)))
            count += 1
    return count
