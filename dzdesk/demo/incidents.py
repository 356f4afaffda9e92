"""A realistic year of faults on both platforms, and the complaints that came with it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypeVar

from dzdesk.demo.context import DemoContext
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.incident import Channel
from dzdesk.domain.severity import Severity
from dzdesk.domain.sla import response_due
from dzdesk.store.complaint_repo import ComplaintDraft, save_complaint
from dzdesk.store.incident_repo import IncidentDraft, add_incident

YEAR = 2026
T = TypeVar("T")
INCIDENTS = 620

PEOPLE = ["张伟", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴涛", "徐丽", "孙超", "马琳"]
ENGINEERS = ["李明", "王强", "邓雪", "蒋涛"]

FAULTS: dict[str, list[tuple[str, str, str, str]]] = {
    # module: (title, description, cause, resolution)
    "credit": [
        ("信用信息采集", "企业良好行为申报提交超时", "提交时页面等待超过60秒后报网关超时。",
         "附件压缩接口在大文件时同步处理，占满工作线程。", "改为异步处理附件并调大网关超时，已回归验证。"),
        ("信用结果公示", "信用结果公示页面加载缓慢", "公示列表首屏打开需要十余秒。",
         "公示查询缺少按发布日期的索引。", "补建索引并启用列表分页缓存，首屏降至1秒内。"),
        ("异议管理", "异议申请附件无法上传", "企业提交异议时上传PDF提示格式错误。",
         "文件类型校验只认小写扩展名。", "修正扩展名校验，通知企业重新提交。"),
        ("信用修复", "信用修复审核流程停在待办", "修复申请审核通过后仍显示待办。",
         "流程引擎回调因证书更新后握手失败未送达。", "更新回调证书信任链并补发回调。"),
        ("信用评价", "信用分计算结果与预期不符", "某施工企业信用分比手工核算少2分。",
         "扣分规则重复计入同一不良行为。", "修正去重逻辑，重算受影响企业信用分并报主管科室确认。"),
        ("不良行为记录", "不良行为记录推送失败", "智慧住建平台推送的不良行为记录未入库。",
         "对方接口字段由字符串改为数组，解析失败。", "兼容新字段格式并补录遗漏记录。"),
        ("信用报告", "信用报告导出PDF中文乱码", "导出的信用报告部分汉字显示为方框。",
         "服务器缺少报告模板使用的字体。", "在服务器部署字体并嵌入PDF。"),
        ("数据共享对接", "项目数据同步中断", "与智慧住建平台的项目数据夜间同步未执行。",
         "定时任务所在节点磁盘写满。", "清理日志并设置日志轮转，手工补同步。"),
        ("系统管理", "企业账号无法登录", "多家企业反映登录提示验证码错误。",
         "验证码服务缓存节点重启后会话丢失。", "恢复缓存节点并改为持久化会话。"),
        ("良好行为记录", "良好行为记录审核后未显示", "审核通过的奖项未在企业信用档案显示。",
         "档案页缓存未在审核后失效。", "审核后主动刷新缓存。"),
    ],
    "approval": [
        ("网上大厅", "网上大厅申报材料上传失败", "建设单位上传施工图材料时反复失败。",
         "上传大小限制为50MB，低于材料实际大小。", "调整上传限制至500MB并启用分片上传。"),
        ("综合受理", "综合受理窗口打印受理单空白", "窗口人员打印受理通知书为空白页。",
         "浏览器升级后打印控件被禁用。", "指导窗口更换打印方式并更新控件。"),
        ("水电气信报装", "水电气报装状态未回传", "供水单位办结后系统状态仍为办理中。",
         "供水单位接口地址变更未通知。", "更新接口地址并补推状态。"),
        ("多测合一", "多测合一成果无法共享", "测绘成果在联合验收环节调取不到。",
         "成果共享目录权限配置缺失。", "补充共享目录授权。"),
        ("联合验收", "联合验收意见书生成错误", "意见书中项目名称显示为另一项目。",
         "模板变量缓存未按项目隔离。", "修正模板缓存键并重新生成意见书。"),
        ("效能监管", "超期预警未触发", "超期事项未推送预警短信。",
         "短信网关账号余额不足。", "联系运营商充值并增加余额监控。"),
        ("勘察设计", "勘察设计合同备案校验不通过", "合同备案提示资质编号无效。",
         "资质库未同步省厅最新数据。", "同步资质库并复核备案。"),
        ("数字审图", "数字审图文件转换失败", "DWG图纸转换为审查格式时报错。",
         "转换服务不支持新版DWG格式。", "升级转换组件，重新转换。"),
        ("多规合一", "项目策划生成空白地图", "多规合一策划生成的选址地图为空白。",
         "地图服务瓦片地址证书过期。", "更换证书并清理瓦片缓存。"),
        ("中介超市", "中介超市选取结果未公示", "中介机构选取完成后公示列表未更新。",
         "公示任务队列阻塞。", "重启队列服务并增加积压告警。"),
        ("区域评估", "区域评估成果查询报错", "按区域查询评估成果时报500错误。",
         "查询条件为空时未做校验。", "增加参数校验并修复查询。"),
        ("方案联审", "方案联审会议通知未发送", "联审会议通知未发送到各部门。",
         "邮件服务器发信频率受限。", "调整发送队列并补发通知。"),
        ("多评合一", "多评合一报告上传限额过小", "评估报告超过20MB无法上传。",
         "上传限额配置过小。", "调整限额并告知申报单位。"),
    ],
}
ADVICE = [
    ("建议增加批量导出功能", "科室希望一次导出多个项目的审批记录。", "功能建议。", "已纳入优化计划并答复科室。"),
    ("咨询账号密码重置流程", "企业用户询问忘记密码后的重置方式。", "用户咨询。", "电话说明重置流程并发送操作指引。"),
    ("咨询数据统计口径", "科室询问办件量统计是否含退件。", "用户咨询。", "说明统计口径并提供说明文档。"),
]
SEVERITY_WEIGHTS = [(Severity.URGENT, 4), (Severity.MAJOR, 14), (Severity.MINOR, 46), (Severity.ADVISORY, 36)]
CHANNEL_WEIGHTS = [(Channel.PHONE, 40), (Channel.WECHAT, 35), (Channel.EMAIL, 8), (Channel.ON_SITE, 10),
                   (Channel.PROBE, 7)]


def _pick(rng: random.Random, weighted: list[tuple[T, int]]) -> T:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _report_time(rng: random.Random, now: datetime) -> datetime:
    """Mostly office hours, some evenings, nights, weekends and holidays, as faults really arrive."""
    start = datetime(YEAR, 1, 1, tzinfo=SHANGHAI)
    span_days = max(1, min((now - start).days, 364))
    day = start + timedelta(days=rng.randrange(span_days))
    office = rng.random() < 0.8
    minute = rng.randrange(8 * 60 + 30, 18 * 60 + 30) if office else rng.randrange(0, 24 * 60)
    return day + timedelta(minutes=minute)


# What the team took from a few faults: the first resolved one of each becomes a typical case.
LESSONS = {
    "企业良好行为申报提交超时": "大附件一律异步处理；上线前用真实大小的材料做压力测试，网关超时与处理时长一起评估。",
    "信用修复审核流程停在待办": "证书到期更换后要逐一验证对外回调；把证书有效期纳入巡检，提前30天预警。",
    "项目数据同步中断": "定时任务所在节点必须配置日志轮转和磁盘空间告警；同步失败要有告警而不是静默跳过。",
    "网上大厅申报材料上传失败": "上传限制要按业务实际材料大小设定，并提供分片上传；变更后通知窗口和建设单位。",
    "联合验收意见书生成错误": "模板缓存必须按业务主键隔离；生成的文书在发出前增加关键字段核对。",
}


def fill(demo: DemoContext) -> int:
    rng, session = demo.rng, demo.session
    count = 0
    taught: set[str] = set()
    for _ in range(INCIDENTS):
        platform = "approval" if rng.random() < 0.6 else "credit"
        severity = _pick(rng, SEVERITY_WEIGHTS)
        if severity is Severity.ADVISORY and rng.random() < 0.5:
            title, description, cause, resolution = rng.choice(ADVICE)
            module = rng.choice(demo.catalogue.platform(platform).modules)
        else:
            module, title, description, cause, resolution = rng.choice(FAULTS[platform])
        reported = _report_time(rng, demo.now)
        if reported > demo.now - timedelta(hours=1):
            continue
        due = _due(demo, severity, reported)
        allowed = due - reported
        # About 96 % answered in time; a few late; the newest may still wait for an answer.
        if rng.random() < 0.96:
            responded = reported + allowed * rng.uniform(0.05, 0.95)
        else:
            responded = due + timedelta(minutes=rng.randrange(10, 300))
        resolved = responded + timedelta(hours=rng.choice([0.5, 1, 2, 3, 6, 20, 30, 52]) * rng.uniform(0.6, 1.4))
        closed = resolved + timedelta(hours=rng.uniform(2, 72))
        if responded > demo.now:
            responded = resolved = closed = None
        elif resolved > demo.now or rng.random() < 0.01:
            resolved = closed = None
        elif closed > demo.now:
            closed = None
        draft = IncidentDraft(
            platform=platform, severity=severity, title=title, reported_at=reported, module=module,
            district=rng.choice(demo.catalogue.districts), department=rng.choice(demo.catalogue.departments),
            reporter=rng.choice(PEOPLE), reporter_contact=f"139{rng.randrange(10**8):08d}",
            channel=_pick(rng, CHANNEL_WEIGHTS),
            description=description, cause=cause if resolved else "", resolution=resolution if resolved else "",
            assignee=rng.choice(ENGINEERS), responded_at=responded, resolved_at=resolved, closed_at=closed,
        )
        if resolved is not None and title in LESSONS and title not in taught:
            taught.add(title)
            draft = replace(draft, typical=True, lesson=LESSONS[title])
        add_incident(session, draft, demo.catalogue, demo.calendar, demo.now, entered_at=reported)  # as it happened
        count += 1
    return count + _fill_open(demo)


# Faults still on the clock when the demo opens: (severity, platform, module, title, hours ago, state).
OPEN_NOW = [
    (Severity.URGENT, "approval", "网上大厅", "网上大厅首页无法打开", 0.3, "new"),
    (Severity.MAJOR, "credit", "信用结果公示", "公示列表查询报错", 1.5, "responded"),
    (Severity.MINOR, "approval", "联合验收", "验收意见书盖章位置错位", 20, "new"),
    (Severity.ADVISORY, "credit", "系统管理", "咨询科室账号权限划分", 30, "new"),
    (Severity.MINOR, "approval", "数字审图", "审图意见导出缺页", 50, "responded"),
]


def _fill_open(demo: DemoContext) -> int:
    for severity, platform, module, title, hours_ago, state in OPEN_NOW:
        reported = demo.now - timedelta(hours=hours_ago)
        responded = None
        if state == "responded":
            responded = min(demo.now, reported + (_due(demo, severity, reported) - reported) / 3)
        draft = IncidentDraft(
            platform=platform, severity=severity, title=title, reported_at=reported, module=module,
            district=demo.rng.choice(demo.catalogue.districts), department=demo.rng.choice(demo.catalogue.departments),
            reporter=demo.rng.choice(PEOPLE), reporter_contact=f"139{demo.rng.randrange(10**8):08d}",
            channel=Channel.PHONE, description=title + "，请尽快处理。", assignee=demo.rng.choice(ENGINEERS),
            responded_at=responded,
        )
        add_incident(demo.session, draft, demo.catalogue, demo.calendar, demo.now, entered_at=reported)
    return len(OPEN_NOW)


def _due(demo: DemoContext, severity: Severity, reported: datetime) -> datetime:
    return response_due(severity, reported, demo.calendar)


COMPLAINTS = [
    ("达川区住建局", "审批系统联合验收环节多次退回，未说明原因。", "核实为验收意见模板缺字段，已修复并电话说明。"),
    ("四川某建设工程有限公司", "信用分扣分未提前告知，影响投标。", "解释扣分依据与公示期，协助企业提交异议。"),
    ("渠县政务服务中心", "上门服务人员未按约定时间到场。", "调整排班，向窗口致歉并补充服务。"),
    ("万源市住建局", "培训资料未及时发放。", "当日补发电子版资料并寄送纸质版。"),
    ("达州某监理公司", "客服电话午休时段无人接听。", "增设午间值班手机并公布。"),
    ("宣汉县住建局", "系统升级未提前通知导致窗口停办半小时。", "建立升级提前三天通知机制。"),
    ("大竹县政务服务中心", "故障处理进度无人反馈。", "指定专人每日反馈进度，已闭环。"),
    ("开江县住建局", "数据统计报表口径与省厅不一致。", "对照省厅口径调整报表并书面说明。"),
    ("通川区住建局", "企业反映异议处理时间过长。", "梳理异议流程，压缩审核时限。"),
    ("达州高新区管委会", "审批系统晚间无法访问未通知。", "说明为计划内维护，今后提前公告。"),
    ("东部经开区建设局", "上门服务单签字后未留存副本。", "补发服务单电子副本，今后现场打印两份。"),
    ("达州市住建局建管科", "年度运维报告提交延迟。", ""),
]


def fill_complaints(demo: DemoContext) -> int:
    rng, count = demo.rng, 0
    for index, (unit, content, outcome) in enumerate(COMPLAINTS):
        received = datetime(YEAR, 1 + index * 11 // len(COMPLAINTS), rng.randrange(1, 28), rng.randrange(9, 17),
                            rng.randrange(60), tzinfo=SHANGHAI)
        if received > demo.now - timedelta(days=1):
            received = demo.now - timedelta(days=2)
        replied = None
        if outcome:
            late = index == 4
            replied = received + timedelta(days=rng.uniform(8, 10) if late else rng.uniform(0.5, 6))
            if replied > demo.now:
                replied, outcome = None, ""
        draft = ComplaintDraft(
            channel=rng.choice(list(ComplaintChannel)), complainant=rng.choice(PEOPLE), unit=unit,
            contact=f"0818-{rng.randrange(2000000, 2999999)}", received_at=received, content=content,
            handling="已转相关负责人处理。" if replied else "", replied_at=replied, outcome=outcome,
        )
        save_complaint(demo.session, draft, demo.now)
        count += 1
    return count
