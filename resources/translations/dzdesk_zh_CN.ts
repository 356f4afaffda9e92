<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="22" />
        <source>Platforms served</source>
        <translation>服务平台</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/dashboard/page.py" line="25" />
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n 个模块</numerusform></translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="30" />
        <source>Districts</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="32" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="35" />
        <source>Changes waiting to sync</source>
        <translation>待同步的更改</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="47" />
        <source>Hello, %1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="47" />
        <source>Welcome to dzdesk</source>
        <translation>欢迎使用 dzdesk</translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="14" />
        <source>Data: %1</source>
        <translation>数据目录：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="25" />
        <source>Offline (no hub configured)</source>
        <translation>离线（未配置同步中心）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="27" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="29" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="33" />
        <source>Unsynced changes: %1</source>
        <translation>待同步：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="35" />
        <source>dzdesk — Dazhou platforms operations desk</source>
        <translation>dzdesk — 达州平台运维工作台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="67" />
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="70" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="71" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="76" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="83" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="84" />
        <source>Engineer &amp;profile…</source>
        <translation>工程师资料(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="87" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="97" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="98" />
        <source>&amp;About dzdesk</source>
        <translation>关于 dzdesk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="117" />
        <source>Profile saved.</source>
        <translation>资料已保存。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="124" />
        <source>The language changes the next time dzdesk starts.</source>
        <translation>界面语言将在下次启动 dzdesk 时生效。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="129" />
        <source>About dzdesk</source>
        <translation>关于 dzdesk</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="130" />
        <source>dzdesk %1
Operations desk for the Dazhou construction credit platform and the engineering-project approval system.

Data directory: %2</source>
        <translation>dzdesk %1
达州市工程建设领域信用信息平台与工程建设项目审批管理系统运维工作台。

数据目录：%2</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="14" />
        <source>Engineer profile</source>
        <translation>工程师资料</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="46" />
        <source>Enter your name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="47" />
        <source>The name is longer than 40 characters.</source>
        <translation>姓名超过 40 个字符。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="49" />
        <source>The phone number is not a mainland mobile (11 digits) or landline number.</source>
        <translation>电话号码不是有效的手机号（11 位）或固定电话号码。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="50" />
        <source>The team name is longer than 60 characters.</source>
        <translation>班组名称超过 60 个字符。</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../forms/profile_form.ui" line="12" />
        <source>Your name goes on every record you make and on the visit reports customers sign.</source>
        <translation>您的姓名将记录在您创建的每条记录和客户签字的服务单上。</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="21" />
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="28" />
        <source>e.g. 李明</source>
        <translation>例如：李明</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="33" />
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="40" />
        <source>mobile or 0818 landline</source>
        <translation>手机号或 0818 固定电话</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="45" />
        <source>&amp;Team</source>
        <translation>班组(&amp;T)</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../dzdesk/ui/app.py" line="44" />
        <source>dzdesk is already open on the data directory %1. Switch to that window, or close it first.</source>
        <translation>dzdesk 已在数据目录 %1 上打开。请切换到该窗口，或先将其关闭。</translation>
    </message>
</context>
</TS>