<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertsDialog</name>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="70"/>
        <source>Alert channels</source>
        <translation>告警通道</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="73"/>
        <source>Whose alert channels these are</source>
        <translation>这是谁的告警通道</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="75"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="78"/>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="193"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="195"/>
        <source>50, 80  (empty: none)</source>
        <translation>50, 80（留空：不提醒）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="196"/>
        <source>Percentages of a fault&apos;s response time at which its group is warned, before the deadline</source>
        <translation>故障响应时限过去多少百分比时，在到期前提醒群里</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="198"/>
        <source>Warn at these percentages of a fault&apos;s response time</source>
        <translation>响应时限过去这些百分比时提醒</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="200"/>
        <source>Warn when a fault&apos;s response time has &amp;passed</source>
        <translation>故障响应超时时提醒(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="201"/>
        <source>Tell the &amp;lead</source>
        <translation>通知组长(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="205"/>
        <source>Minutes after the breach the lead is told</source>
        <translation>超时后多少分钟通知组长</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="211"/>
        <source>Channels the lead&apos;s alert goes to (none ticked: every channel)</source>
        <translation>组长通知发往的通道（都不勾选：所有通道）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="212"/>
        <source>None ticked: every channel</source>
        <translation>都不勾选：发往所有通道</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="123"/>
        <source>Reading the team&apos;s alert channels…</source>
        <translation>正在读取团队的告警通道…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="168"/>
        <source>The team&apos;s alert channels could not be read: %1</source>
        <translation>无法读取团队的告警通道：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="204"/>
        <source> min later</source>
        <translation> 分钟后</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="215"/>
        <source>A &amp;complaint whose reply is due tomorrow</source>
        <translation>投诉答复明天到期(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="216"/>
        <source>An &amp;overdue follow-up of a visit</source>
        <translation>上门服务回访逾期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="219"/>
        <source>Time of the daily certificate digest (Asia/Shanghai)</source>
        <translation>每日证书汇总的时间（北京时间）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="222"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="223"/>
        <source>Certificates listed that expire within</source>
        <translation>列出多少天内到期的证书</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="226"/>
        <source>&amp;Warn at (%)</source>
        <translation>提醒点（%）(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="228"/>
        <source>After the breach</source>
        <translation>超时后</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="229"/>
        <source>Lead&apos;s c&amp;hannels</source>
        <translation>组长通知通道(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="230"/>
        <source>Announce</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="232"/>
        <source>Certificate &amp;digest at</source>
        <translation>证书汇总时间(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="233"/>
        <source>Certificates &amp;expiring within</source>
        <translation>证书到期提前(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="237"/>
        <source>Changes</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="239"/>
        <source>Changes to the team&apos;s alert channels and rules</source>
        <translation>团队告警通道和规则的修改记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="248"/>
        <source>This laptop has not synced with a team&apos;s hub yet. Alert channels come with the team&apos;s hub: its lead sets them there, and they arrive here with the first sync.</source>
        <translation>这台电脑还没有与团队的中心同步过。告警通道随团队的中心而来：由组长在那里设置，第一次同步后就会出现在这里。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="252"/>
        <source>Team %1&apos;s alert channels and rules. Saved here, they reach the hub and every laptop of the team at the next sync. A channel&apos;s URL is kept in this machine&apos;s keyring only.</source>
        <translation>团队 %1 的告警通道和规则。在这里保存后，下次同步时送到中心和团队的每台电脑。通道的网址只保存在本机钥匙串中。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="255"/>
        <source>Team %1&apos;s alert channels and rules, as last synced. Only a lead of the team changes them; the team&apos;s alerts are sent by its watcher, not by this laptop.</source>
        <translation>团队 %1 的告警通道和规则（上次同步时）。只有团队的组长可以修改；团队的告警由值守程序发送，而不是这台电脑。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="274"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="274"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="315"/>
        <source>removed the rules</source>
        <translation>移除了规则</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="315"/>
        <source>changed the rules</source>
        <translation>修改了规则</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="317"/>
        <source>removed channel %1</source>
        <translation>移除了通道 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="317"/>
        <source>set channel %1</source>
        <translation>设置了通道 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="321"/>
        <source>No changes yet: no channel, and the default rules.</source>
        <translation>还没有修改：没有通道，使用默认规则。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="343"/>
        <source>Warn at: %1</source>
        <translation>提醒点：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="347"/>
        <source>Label of %1: %2</source>
        <translation>%1 的显示名称：%2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alerts_dialog.py" line="402"/>
        <source>Nothing was saved: %1</source>
        <translation>未保存任何内容：%1</translation>
    </message>
</context>
<context>
    <name>AttentionCounts</name>
    <message>
        <location filename="../../dzdesk/ui/window_counts.py" line="49"/>
        <source>The changes waiting to sync could not be counted: %1</source>
        <translation>无法统计待同步的更改：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/window_counts.py" line="59"/>
        <source>%n fault(s) wait for an answer</source>
        <translation>
            <numerusform>%n 条故障待响应</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_counts.py" line="61"/>
        <source>Nearest deadline: %1</source>
        <translation>最近的响应期限：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_counts.py" line="70"/>
        <source>Down: %1</source>
        <translation>中断：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/window_counts.py" line="81"/>
        <source>%n change(s) wait to sync</source>
        <translation>
            <numerusform>%n 项更改待同步</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="29"/>
        <source>The daily backup failed: %1</source>
        <translation>每日自动备份失败：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="37"/>
        <source>Back up to a file</source>
        <translation>备份到文件</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="39"/>
        <location filename="../../dzdesk/ui/window_backup.py" line="58"/>
        <source>Backups (*.zip)</source>
        <translation>备份文件 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="44"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="47"/>
        <source>Backed up %1 records and %2 files to %3</source>
        <translation>已备份 %1 条记录和 %2 个文件到 %3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="49"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="57"/>
        <location filename="../../dzdesk/ui/window_backup.py" line="71"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="65"/>
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_backup.py" line="67"/>
        <source>Replace the data in %1 with the backup of %2 (%3 records)? The current data is kept under backups/. dzdesk will close; start it again to finish.</source>
        <translation>用 %2 的备份（%3 条记录）替换 %1 中的数据？当前数据会保存在 backups/ 下。dzdesk 将关闭，再次启动后完成恢复。</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="50"/>
        <source>Working calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="57"/>
        <source>Deadlines of minor and advisory faults count business hours on working days. The built-in calendar knows the State Council holiday notices of %1–%2; enter later years&apos; notices here.</source>
        <translation>一般故障和普通故障的响应时限只计工作日的工作时间。内置日历包含 %1–%2 年的国务院放假通知；之后年份的通知请在此录入。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="63"/>
        <source>Whose calendar this is</source>
        <translation>这是谁的日历</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="65"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="78"/>
        <source>&amp;Paste notice…</source>
        <translation>粘贴放假通知(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="80"/>
        <source>Take this laptop&apos;s &amp;own days</source>
        <translation>采用本机原有的日期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="81"/>
        <source>Fills in the days and hours this laptop kept before it joined the team, to be saved as the team&apos;s</source>
        <translation>填入本机加入团队之前自己维护的日期和工作时间，保存后即成为团队的日历</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="85"/>
        <source>Changes to the team&apos;s calendar</source>
        <translation>团队日历的修改记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="88"/>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="91"/>
        <source>&amp;Business hours</source>
        <translation>工作时间(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="92"/>
        <source>Extra &amp;days off</source>
        <translation>放假日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="93"/>
        <source>Adjusted &amp;working days</source>
        <translation>调休上班日(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="94"/>
        <source>&amp;Complete years</source>
        <translation>已完整录入的年份(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="100"/>
        <source>C&amp;hanges</source>
        <translation>修改记录(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="124"/>
        <source>Reading the calendar in force…</source>
        <translation>正在读取当前使用的工作日历…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="151"/>
        <source>The calendar in force could not be read: %1</source>
        <translation>无法读取当前使用的工作日历：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="174"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="174"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="179"/>
        <source>%1  %2 removed %3</source>
        <translation>%1  %2 取消了“%3”</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="179"/>
        <source>%1  %2 set %3</source>
        <translation>%1  %2 设置了 %3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="186"/>
        <source>No changes yet: the built-in calendar and the default hours apply.</source>
        <translation>尚无修改：使用内置日历和默认工作时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="194"/>
        <source>business hours %1</source>
        <translation>工作时间为 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="196"/>
        <source>%1 as complete</source>
        <translation>%1 年为已完整录入</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="198"/>
        <source>%1 as a day off</source>
        <translation>%1 为放假日</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="198"/>
        <source>%1 as a working day</source>
        <translation>%1 为上班日</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="202"/>
        <source>This laptop&apos;s own calendar: it has not synced with a team&apos;s hub.</source>
        <translation>本机自己的日历：尚未与团队同步中心同步。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="205"/>
        <source>Team %1&apos;s calendar. Saved here, it reaches every laptop of the team at their next sync, and their deadlines move with it.</source>
        <translation>团队“%1”的工作日历。在此保存后，团队每台电脑在下次同步时采用，响应时限随之调整。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="207"/>
        <source>Team %1&apos;s calendar, as last synced. Only a lead of the team changes it; you can read it here.</source>
        <translation>团队“%1”的工作日历（上次同步的版本）。只有该团队的组长可以修改，你在此只能查看。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="221"/>
        <source>Business hours: %1</source>
        <translation>工作时间：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="225"/>
        <source>Extra days off: %1</source>
        <translation>放假日期：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="229"/>
        <source>Adjusted working days: %1</source>
        <translation>调休上班日：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="233"/>
        <source>Complete years: write years like 2027, 2028</source>
        <translation>已完整录入的年份：请写成 2027, 2028 这样的年份</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/calendar_dialog.py" line="304"/>
        <source>Nothing was saved: %1</source>
        <translation>未保存任何内容：%1</translation>
    </message>
</context>
<context>
    <name>ChannelsBox</name>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="62"/>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="71"/>
        <source>The team&apos;s alert channels</source>
        <translation>团队的告警通道</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="72"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="72"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="72"/>
        <source>Label</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="73"/>
        <source>URL on this machine</source>
        <translation>本机网址</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="87"/>
        <source>ops-1</source>
        <translation>ops-1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="89"/>
        <source>New channel&apos;s name</source>
        <translation>新通道的名称</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="91"/>
        <source>New channel&apos;s kind</source>
        <translation>新通道的类型</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="95"/>
        <source>what people call it, e.g. 运维一组群</source>
        <translation>大家怎么称呼它，如 运维一组群</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="97"/>
        <source>New channel&apos;s label</source>
        <translation>新通道的显示名称</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="98"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="102"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="103"/>
        <source>Takes the selected channel out of the team&apos;s alerts when saved</source>
        <translation>保存时把选中的通道从团队告警中移除</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="108"/>
        <source>&amp;New channel</source>
        <translation>新通道(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="119"/>
        <source>URL of the selected channel</source>
        <translation>选中通道的网址</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="120"/>
        <source>Kept in this machine&apos;s keyring only, never synced nor shown again</source>
        <translation>只保存在本机钥匙串中，不同步，也不再显示</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="121"/>
        <source>paste the robot&apos;s webhook URL (kept on this machine only)</source>
        <translation>粘贴机器人的 Webhook 网址（只保存在本机）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="124"/>
        <location filename="../../dzdesk/ui/alert_channels.py" line="234"/>
        <source>&amp;URL</source>
        <translation>网址(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="126"/>
        <source>&amp;Keep on this machine</source>
        <translation>保存到本机(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="134"/>
        <source>Whether the URL can be used</source>
        <translation>网址能否使用</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="137"/>
        <source>Send a test messa&amp;ge</source>
        <translation>发送测试消息(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="138"/>
        <source>Sends a short test message to the selected channel from this machine</source>
        <translation>从本机向选中的通道发送一条简短的测试消息</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="142"/>
        <source>Outcome of the test message</source>
        <translation>测试消息的结果</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="182"/>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="183"/>
        <source>kept (keyring)</source>
        <translation>已保存（钥匙串）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="185"/>
        <source>kept, cannot be used</source>
        <translation>已保存，无法使用</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="187"/>
        <source>no keyring</source>
        <translation>无钥匙串</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="188"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="231"/>
        <source>Selected channel: %1</source>
        <translation>选中的通道：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="232"/>
        <source>No channel selected</source>
        <translation>未选中通道</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="235"/>
        <source>Add a channel, then paste its URL here.</source>
        <translation>先添加通道，再在这里粘贴它的网址。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="238"/>
        <source>&amp;URL of %1</source>
        <translation>%1 的网址(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="254"/>
        <source>This machine holds its URL (to %1).</source>
        <translation>本机已保存它的网址（发往 %1）。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="256"/>
        <source>It comes from %1, which wins over the keyring.</source>
        <translation>网址来自 %1，优先于钥匙串。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="260"/>
        <source>No URL on this machine yet: paste it above.</source>
        <translation>本机还没有它的网址：请粘贴到上面。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="275"/>
        <source>The team has a channel %1 already; edit its label in the table.</source>
        <translation>团队已有通道 %1；请在表格中修改它的显示名称。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="277"/>
        <source>New channel: %1</source>
        <translation>新通道：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="319"/>
        <source>This URL can be used: it goes to %1. Keep it to use it on this machine.</source>
        <translation>这个网址可以使用：发往 %1。保存后本机即可使用。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="323"/>
        <source>This URL cannot be used: %1</source>
        <translation>这个网址无法使用：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="333"/>
        <source>Not kept: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="343"/>
        <source>Kept in this machine&apos;s keyring: the channel&apos;s messages go to %1.</source>
        <translation>已保存到本机钥匙串：通道的消息发往 %1。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="346"/>
        <source>%1 is set here too, and wins over the keyring.</source>
        <translation>本机还设置了 %1，它优先于钥匙串。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="372"/>
        <source>Sending a test message to %1…</source>
        <translation>正在向 %1 发送测试消息…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="383"/>
        <source>Test message sent to %1.</source>
        <translation>测试消息已发送到 %1。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="385"/>
        <source>Look in the group: its robot may still drop a message without the keyword it requires (every dzdesk alert starts with “【”).</source>
        <translation>请在群里查看：消息缺少机器人要求的关键词时，机器人仍可能丢弃它（dzdesk 的每条告警都以“【”开头）。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="391"/>
        <source>could not be reached</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="392"/>
        <source>refused it</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="393"/>
        <source>not tried</source>
        <translation>未尝试</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="394"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="398"/>
        <source>no URL on this machine: paste it above and keep it</source>
        <translation>本机没有它的网址：请粘贴到上面并保存</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="399"/>
        <source>Not sent to %1 (%2): %3</source>
        <translation>未发送到 %1（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/alert_channels.py" line="409"/>
        <source>The test message could not be sent: %1</source>
        <translation>无法发送测试消息：%1</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="63"/>
        <source>Name or phone, then Enter</source>
        <translation>输入姓名或手机号，按回车签到</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="75"/>
        <source>&amp;Walk-in…</source>
        <translation>现场加人(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="118"/>
        <source>Check-in: %1</source>
        <translation>签到：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="123"/>
        <source>The roster could not be read: %1</source>
        <translation>无法读取名单：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="129"/>
        <source>Checked in: %1 of %2</source>
        <translation>已签到：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="169"/>
        <source>Not checked in: %1</source>
        <translation>未能签到：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="183"/>
        <source>Nobody on the roster matches; add a walk-in.</source>
        <translation>名单中没有匹配的人员；可现场加人。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="215"/>
        <source>Not added: %1</source>
        <translation>未能添加：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="164"/>
        <source>%1 checked in</source>
        <translation>%1 已签到</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="195"/>
        <source>Walk-in</source>
        <translation>现场加人</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="195"/>
        <source>Name, unit, phone (separated by commas)</source>
        <translation>姓名、单位、手机号（用逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/check_in.py" line="209"/>
        <source>%1 added and checked in</source>
        <translation>%1 已加入名单并签到</translation>
    </message>
</context>
<context>
    <name>ComplaintEditor</name>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="60"/>
        <source>This complaint is no longer stored.</source>
        <translation>这条投诉已不在本机记录中。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="73"/>
        <source>Edit complaint</source>
        <translation>编辑投诉</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="73"/>
        <source>Record a complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="112"/>
        <source>Reading the complaint…</source>
        <translation>正在读取投诉…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="113"/>
        <source>The complaint could not be read: %1</source>
        <translation>无法读取这条投诉：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="184"/>
        <source>replied in time</source>
        <translation>已按时答复</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="184"/>
        <source>replied late</source>
        <translation>超时答复</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="187"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="188"/>
        <source>overdue by %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="189"/>
        <source>Reply with the outcome by %1 (%2)</source>
        <translation>须在 %1 前答复处理结果（%2）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="202"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="213"/>
        <source>This complaint was deleted meanwhile; nothing was saved.</source>
        <translation>该投诉记录已被删除，未保存任何更改。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="215"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <location filename="../../forms/complaint_form.ui" line="9"/>
        <source>C&amp;hannel</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../forms/complaint_form.ui" line="11"/>
        <source>&amp;Complainant</source>
        <translation>投诉人(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../forms/complaint_form.ui" line="13"/>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../forms/complaint_form.ui" line="15"/>
        <source>Con&amp;tact</source>
        <translation>联系方式(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../forms/complaint_form.ui" line="17"/>
        <source>&amp;Received at</source>
        <translation>受理时间(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forms/complaint_form.ui" line="19"/>
        <source>C&amp;ontent</source>
        <translation>投诉内容(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../forms/complaint_form.ui" line="21"/>
        <source>&amp;Handling</source>
        <translation>处理过程(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../forms/complaint_form.ui" line="23"/>
        <source>Re&amp;plied at</source>
        <translation>答复时间(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/complaint_form.ui" line="25"/>
        <source>O&amp;utcome</source>
        <translation>处理结果(&amp;U)</translation>
    </message>
</context>
<context>
    <name>ComplaintProblems</name>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="43"/>
        <source>Enter who complained.</source>
        <translation>请填写投诉人。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="44"/>
        <source>Enter what the complaint is about.</source>
        <translation>请填写投诉内容。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="46"/>
        <source>The receipt time is in the future.</source>
        <translation>受理时间晚于当前时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="48"/>
        <source>The reply time is before the receipt time.</source>
        <translation>答复时间早于受理时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/editor.py" line="50"/>
        <source>A replied complaint needs its outcome.</source>
        <translation>已答复的投诉须填写处理结果。</translation>
    </message>
</context>
<context>
    <name>ComplaintTable</name>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="41"/>
        <source>Reply due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="42"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="43"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="44"/>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="45"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="46"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="47"/>
        <source>Replied</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="48"/>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="57"/>
        <source>replied in time</source>
        <translation>已按时答复</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="58"/>
        <source>replied late</source>
        <translation>超时答复</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="61"/>
        <source>overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="108"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="112"/>
        <source>&amp;New complaint</source>
        <translation>登记投诉(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="114"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/complaints/page.py" line="133"/>
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>共 %n 条投诉</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/complaints/page.py" line="137"/>
        <source>The complaints could not be read: %1</source>
        <translation>无法读取投诉列表：%1</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../dzdesk/ui/dashboard/faults.py" line="44"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/faults.py" line="46"/>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/faults.py" line="48"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/faults.py" line="51"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/faults.py" line="53"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/faults.py" line="60"/>
        <source>%1 left</source>
        <translation>还剩 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/faults.py" line="61"/>
        <source>overdue by %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/faults.py" line="136"/>
        <source>Respond by %1</source>
        <translation>须于 %1 前响应</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <location filename="../../dzdesk/ui/crash_notice.py" line="40"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/crash_notice.py" line="43"/>
        <source>Something went wrong</source>
        <translation>出现错误</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/crash_notice.py" line="44"/>
        <source>dzdesk ran into an unexpected error (%1). What was saved before is safe.

A report for support was written to %2; please send it to them.</source>
        <translation>dzdesk 遇到了意外错误（%1）。之前已保存的数据不受影响。

错误报告已写入 %2，请将其发送给技术支持。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/crash_notice.py" line="47"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="215"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="259"/>
        <source>Hello, %1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="259"/>
        <source>Welcome to dzdesk</source>
        <translation>欢迎使用 dzdesk</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="283"/>
        <source>The figures could not be read: %1</source>
        <translation>无法读取统计数据：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="322"/>
        <source>Every fault has been answered.</source>
        <translation>所有故障都已响应。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="321"/>
        <source>… and %1 more in the fault list</source>
        <translation>……另有 %1 件，见故障列表</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="136"/>
        <source>Faults nearest their deadline</source>
        <translation>临近响应时限的故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="142"/>
        <source>Open the faults</source>
        <translation>打开故障列表</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="150"/>
        <source>Commitments against the contract</source>
        <translation>合同承诺指标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="154"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="154"/>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="154"/>
        <source>Last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="162"/>
        <source>Response timeliness (≥ 95 %)</source>
        <translation>响应及时率（≥ 95 %）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="163"/>
        <source>Completion (100 %)</source>
        <translation>故障解决率（100 %）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="164"/>
        <source>Complaints answered within a week (100 %)</source>
        <translation>投诉一周内答复率（100 %）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="181"/>
        <source>Open the reports</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="184"/>
        <source>Down right now</source>
        <translation>当前中断</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="189"/>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="196"/>
        <source>Open the probes</source>
        <translation>打开巡检</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="192"/>
        <source>Certificates expiring</source>
        <translation>即将到期的证书</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="199"/>
        <source>Today and this week</source>
        <translation>今天与本周</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="209"/>
        <source>Training sessions and follow-ups coming up</source>
        <translation>即将进行的培训和待办回访</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="211"/>
        <source>Open the visits</source>
        <translation>打开上门服务</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="212"/>
        <source>Open the training sessions</source>
        <translation>打开培训</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="218"/>
        <source>changes waiting to sync</source>
        <translation>项更改等待同步</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="221"/>
        <source>Open sync</source>
        <translation>打开同步</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="328"/>
        <source>Nothing waits for an answer</source>
        <translation>没有待响应的故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="331"/>
        <source>%1 waiting for an answer</source>
        <translation>%1 件待响应</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="333"/>
        <source>, %1 overdue</source>
        <translation>，%1 件已超时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="352"/>
        <source>No faults recorded this month. When one is reported, record it with Ctrl+Shift+N.</source>
        <translation>本月还没有故障记录。有人报障时，按 Ctrl+Shift+N 记录。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="356"/>
        <source>Faults this month: %1 (%2 resolved); this year: %3 (%4 resolved)</source>
        <translation>本月故障 %1 件（已解决 %2 件）；本年 %3 件（已解决 %4 件）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="365"/>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="365"/>
        <source>not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="366"/>
        <source>%1 of %2, commitment %3: %4</source>
        <translation>%2 件中 %1 件，承诺 %3：%4</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="368"/>
        <source>Nothing to count yet</source>
        <translation>暂无可统计的记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="376"/>
        <source>No probe targets yet</source>
        <translation>尚未填写巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="377"/>
        <source>Fill in the platforms&apos; addresses on the Probes page.</source>
        <translation>在“巡检”页填写两个平台的地址。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="380"/>
        <source>No address filled in yet</source>
        <translation>巡检目标还没有地址</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="381"/>
        <source>Fill in the targets&apos; addresses on the Probes page.</source>
        <translation>在“巡检”页填写各目标的地址。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="384"/>
        <source>Last checked %1 ago</source>
        <translation>上次检测：%1 前</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="387"/>
        <source>Not checked yet</source>
        <translation>尚未检测</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="388"/>
        <source>The probes check the targets in the background; to check them now, use “Run now” on the Probes page.</source>
        <translation>巡检会在后台检测各目标；要马上检测，在“巡检”页点“立即巡检”。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="392"/>
        <source>All normal</source>
        <translation>全部正常</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="396"/>
        <source>%1 down</source>
        <translation>%1 个中断</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="397"/>
        <source>%1 failing</source>
        <translation>%1 个检测失败</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="398"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="402"/>
        <source>%1 — failing, not confirmed down yet</source>
        <translation>%1 — 检测失败，尚未确认中断</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="404"/>
        <source>%1 — down</source>
        <translation>%1 — 已中断</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="407"/>
        <source>%1 — down for %2 (since %3)</source>
        <translation>%1 — 已中断 %2（自 %3 起）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="410"/>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="444"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 个</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="424"/>
        <source>No certificate read yet</source>
        <translation>尚未读取到证书</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="425"/>
        <source>Certificates are read when the probes check a target.</source>
        <translation>巡检检测目标时会读取其证书。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="428"/>
        <source>None expiring within %1 days</source>
        <translation>%1 天内没有到期的证书</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="433"/>
        <source>%1 expired</source>
        <translation>%1 个已过期</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="434"/>
        <source>%1 expiring within %2 days</source>
        <translation>%1 个将在 %2 天内到期</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="438"/>
        <source>expired %1 days ago</source>
        <translation>已过期 %1 天</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="439"/>
        <source>expires in %1 days</source>
        <translation>%1 天后到期</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="440"/>
        <source>%1 and others, %2 targets</source>
        <translation>%1 等 %2 个目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="450"/>
        <source>Today: %1 visits · %2 trainings</source>
        <translation>今天：上门服务 %1 次 · 培训 %2 场</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="452"/>
        <source>This week: %1 visits · %2 trainings</source>
        <translation>本周：上门服务 %1 次 · 培训 %2 场</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="465"/>
        <source>No training sessions or follow-ups in the next two weeks. Plan one on the Training page.</source>
        <translation>未来两周没有培训，也没有到期的回访。可在“培训”页安排培训。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="473"/>
        <source>Demo data: it is never synced, so the count never goes down.</source>
        <translation>演示数据从不同步，所以这个数字不会减少。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="476"/>
        <source>Not connected to a team server yet — sign in on the Sync page.</source>
        <translation>尚未连接团队服务器 — 在“同步”页登录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="479"/>
        <source>They are sent at the next sync.</source>
        <translation>将在下次同步时发送。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="482"/>
        <source>Everything is synced.</source>
        <translation>全部已同步。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="456"/>
        <source>Training %1: %2</source>
        <translation>培训 %1：%2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/dashboard/page.py" line="459"/>
        <source>Follow-up due %1: %2</source>
        <translation>待办 %1 到期：%2</translation>
    </message>
</context>
<context>
    <name>DeadlineWatch</name>
    <message>
        <location filename="../../dzdesk/ui/incidents/deadline_watch.py" line="61"/>
        <source>Fault overdue</source>
        <translation>故障已超时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/deadline_watch.py" line="61"/>
        <source>Fault due soon</source>
        <translation>故障即将超时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/deadline_watch.py" line="62"/>
        <source>%1 — respond by %2</source>
        <translation>%1 — 须在 %2 前响应</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="412"/>
        <source>Export the incident log</source>
        <translation>导出故障记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="419"/>
        <source>&amp;From</source>
        <translation>起始日期(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="420"/>
        <source>&amp;To</source>
        <translation>截止日期(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ExportResultsDialog</name>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="86"/>
        <source>Export probe results</source>
        <translation>导出巡检记录</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="138"/>
        <source>Welcome to dzdesk</source>
        <translation>欢迎使用 dzdesk</translation>
    </message>
</context>
<context>
    <name>HealthReportDialog</name>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="95"/>
        <source>Health-evaluation report</source>
        <translation>健康评估报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="98"/>
        <source>What the inspection found: recurring faults, slow subsystems, capacity, security…</source>
        <translation>巡检发现：反复出现的故障、响应慢的子系统、容量、安全……</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="101"/>
        <source>What the bureau or the team should do next.</source>
        <translation>建议住建局或运维团队下一步采取的措施。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="105"/>
        <source>F&amp;indings</source>
        <translation>发现(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="106"/>
        <source>&amp;Recommendations</source>
        <translation>建议(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="107"/>
        <source>&amp;Sign it with the team&apos;s certificate (a lead issues it)</source>
        <translation>加盖团队数字签名(&amp;S)（由组长签发）</translation>
    </message>
</context>
<context>
    <name>IncidentEditor</name>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="109"/>
        <source>This fault is no longer stored.</source>
        <translation>这条故障已不在本机记录中。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="133"/>
        <source>Edit fault</source>
        <translation>编辑故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="133"/>
        <source>Record a fault</source>
        <translation>登记故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="146"/>
        <source>Unsaved changes from last time were restored.</source>
        <translation>已恢复上次未保存的内容。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="147"/>
        <source>&amp;Discard them</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="175"/>
        <source>Reading the fault…</source>
        <translation>正在读取故障…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="209"/>
        <source>The fault could not be read: %1</source>
        <translation>无法读取这条故障：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="305"/>
        <source>Waiting on the customer or a third party: %1</source>
        <translation>等待客户或第三方：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="310"/>
        <source>report time</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="310"/>
        <source>response time</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="311"/>
        <source>resolution time</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="311"/>
        <source>severity</source>
        <translation>故障级别</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="315"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="320"/>
        <source>corrected %1: %2 → %3</source>
        <translation>更正%1：%2 → %3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="322"/>
        <source>entered %1: %2</source>
        <translation>录入%1：%2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="323"/>
        <source>entered late (补录)</source>
        <translation>补录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="327"/>
        <source>recorded</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="327"/>
        <source>edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="327"/>
        <source>status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="328"/>
        <source>waiting on others</source>
        <translation>等待他方</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="328"/>
        <source>work resumed</source>
        <translation>恢复处理</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="414"/>
        <source>Response due: reading the working calendar…</source>
        <translation>响应期限：正在读取工作日历…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="418"/>
        <source>answered in time</source>
        <translation>已按时响应</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="418"/>
        <source>answered late</source>
        <translation>超时响应</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="421"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="422"/>
        <source>overdue by %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="423"/>
        <source>Response due %1 (%2) — %3</source>
        <translation>响应期限 %1（%2）— %3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="407"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="457"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>IncidentForm</name>
    <message>
        <location filename="../../forms/incident_form.ui" line="11"/>
        <source>Fault</source>
        <translation>故障信息</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="13"/>
        <source>&amp;Platform</source>
        <translation>平台(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="15"/>
        <source>&amp;Module</source>
        <translation>模块/子系统(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="17"/>
        <source>&amp;Severity</source>
        <translation>故障级别(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="19"/>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="21"/>
        <source>&amp;Description</source>
        <translation>问题描述(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="23"/>
        <source>C&amp;hannel</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="25"/>
        <source>Dist&amp;rict</source>
        <translation>区县(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="27"/>
        <source>De&amp;partment</source>
        <translation>科室/单位(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="29"/>
        <source>Reporte&amp;r</source>
        <translation>报告人(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="31"/>
        <source>Con&amp;tact</source>
        <translation>联系方式(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="38"/>
        <source>Times and handling</source>
        <translation>时间与处理</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="40"/>
        <source>Reported &amp;at</source>
        <translation>报告时间(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="42"/>
        <source>Res&amp;ponded at</source>
        <translation>响应时间(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="44"/>
        <source>Resol&amp;ved at</source>
        <translation>解决时间(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="46"/>
        <source>Cl&amp;osed at</source>
        <translation>关闭时间(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="48"/>
        <source>&amp;Cause</source>
        <translation>原因(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="50"/>
        <source>Resol&amp;ution</source>
        <translation>处理措施(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="52"/>
        <source>Assi&amp;gnee</source>
        <translation>处理人(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="54"/>
        <source>T&amp;ypical case (goes into the annual report and the training handout)</source>
        <translation>典型案例（写入年度报告和培训讲义）(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="55"/>
        <source>&amp;Lesson</source>
        <translation>经验教训(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../forms/incident_form.ui" line="56"/>
        <source>What the team learned, for the next engineer and for training</source>
        <translation>团队从中总结的经验，供后来的工程师和培训使用</translation>
    </message>
</context>
<context>
    <name>IncidentProblems</name>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="56"/>
        <source>Give the fault a title.</source>
        <translation>请填写故障标题。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="57"/>
        <source>Choose the platform.</source>
        <translation>请选择平台。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="58"/>
        <source>The module is not one of the platform&apos;s modules.</source>
        <translation>所填模块不属于该平台。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="60"/>
        <source>The report time is in the future.</source>
        <translation>报告时间晚于当前时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="62"/>
        <source>The response time is before the report time.</source>
        <translation>响应时间早于报告时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="64"/>
        <source>The resolution time is before the response time.</source>
        <translation>解决时间早于响应时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="66"/>
        <source>A fault cannot be resolved before it was responded to: tick and fill in the response time.</source>
        <translation>故障须先响应才能解决：请勾选并填写响应时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="68"/>
        <source>A resolved fault needs its cause.</source>
        <translation>已解决的故障须填写原因。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="70"/>
        <source>A resolved fault needs its resolution (what was done).</source>
        <translation>已解决的故障须填写处理措施。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="72"/>
        <source>The closing time is before the resolution time.</source>
        <translation>关闭时间早于解决时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="74"/>
        <source>A fault can only be closed after it was resolved.</source>
        <translation>故障须先解决才能关闭。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="76"/>
        <source>The response, resolution or closing time is in the future.</source>
        <translation>响应、解决或关闭时间晚于当前时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="78"/>
        <source>Waiting on others can only be recorded after the fault was responded to.</source>
        <translation>故障响应之后才能登记等待他方。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="80"/>
        <source>Two waiting periods overlap; record each period of waiting once.</source>
        <translation>两段等待时间重叠；同一段等待只登记一次。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="82"/>
        <source>A waiting period ends before it starts.</source>
        <translation>等待时段的结束早于开始。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/editor.py" line="84"/>
        <source>A waiting period must lie between the response and the resolution.</source>
        <translation>等待时段须在响应与解决之间。</translation>
    </message>
</context>
<context>
    <name>IncidentTable</name>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="37"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="38"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="39"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="40"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="41"/>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="42"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="43"/>
        <source>Reported</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="44"/>
        <source>Response due</source>
        <translation>响应期限</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="45"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="46"/>
        <source>Reporter</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="47"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="95"/>
        <source>answered in time</source>
        <translation>已按时响应</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="96"/>
        <source>answered late</source>
        <translation>超时响应</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/table_model.py" line="99"/>
        <source>overdue %1</source>
        <translation>已超时 %1</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="80"/>
        <source>Search title, module, reporter, district… (Ctrl+F)</source>
        <translation>搜索标题、模块、报告人、区县…（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="83"/>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="87"/>
        <source>All severities</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="91"/>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="92"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="96"/>
        <source>By time left</source>
        <translation>按剩余时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="97"/>
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="98"/>
        <source>Oldest first</source>
        <translation>最早在前</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="99"/>
        <source>By severity</source>
        <translation>按级别</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="101"/>
        <source>Search faults</source>
        <translation>搜索故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="101"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="102"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="102"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="103"/>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="130"/>
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="140"/>
        <source>&amp;New fault</source>
        <translation>登记故障(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="141"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="142"/>
        <source>&amp;Respond now</source>
        <translation>立即响应(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="143"/>
        <location filename="../../dzdesk/ui/incidents/page.py" line="255"/>
        <source>Start &amp;work</source>
        <translation>开始处理(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="144"/>
        <source>Re&amp;solve…</source>
        <translation>解决(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="145"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="146"/>
        <location filename="../../dzdesk/ui/incidents/page.py" line="261"/>
        <source>&amp;Waiting on others</source>
        <translation>等待他方(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="147"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/incidents/page.py" line="204"/>
        <source>%n fault(s)</source>
        <translation>
            <numerusform>共 %n 条故障</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="208"/>
        <source>The faults could not be read: %1</source>
        <translation>无法读取故障列表：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="232"/>
        <source>The working-day calendar does not know %1 yet: 5×8 deadlines in that year count Monday to Friday only. Enter the State Council holiday notice under Settings when it is published.</source>
        <translation>工作日历尚未包含 %1 年：该年 5×8 时限暂按周一至周五计算。国务院放假通知发布后，请在“设置”中录入。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="255"/>
        <source>Re&amp;open</source>
        <translation>重新打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="261"/>
        <source>Work &amp;resumed</source>
        <translation>恢复处理(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="333"/>
        <source>Waiting on others</source>
        <translation>等待他方</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="334"/>
        <source>Who or what are you waiting for?</source>
        <translation>在等待谁或什么？</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="366"/>
        <source>The change could not be stored: %1</source>
        <translation>修改未能保存：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="368"/>
        <source>Not changed</source>
        <translation>未更改</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="376"/>
        <source>Export the incident log</source>
        <translation>导出故障记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="377"/>
        <source>Spreadsheet (*.xlsx);;CSV (*.csv)</source>
        <translation>电子表格 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="392"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="399"/>
        <source>%1 faults exported to %2</source>
        <translation>已导出 %1 条故障到 %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/incidents/page.py" line="404"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>IndicatorImportDialog</name>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="50"/>
        <source>Import %1 into %2</source>
        <translation>将 %1 导入 %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="56"/>
        <source>The column choices are remembered under this name for the next export</source>
        <translation>列的对应关系以此名称保存，下次导入同一来源时沿用</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="57"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="66"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="70"/>
        <source>&amp;Source</source>
        <translation>数据来源(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="135"/>
        <source>The file could not be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="152"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="162"/>
        <source>%1 figures for %2 areas.</source>
        <translation>共 %1 个数值，涉及 %2 个区县。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="164"/>
        <source>Not in the file: %1.</source>
        <translation>文件中缺少：%1。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="166"/>
        <source>%1 bad cell(s): fix them in the file, nothing is imported until then.</source>
        <translation>有 %1 个单元格有误：请在文件中改正，改正前不会导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="172"/>
        <source>Row %1, column %2: %3</source>
        <translation>第 %1 行，%2 列：%3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/import_dialog.py" line="187"/>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="95"/>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="98"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="99"/>
        <source>E&amp;xport grid…</source>
        <translation>导出表格(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="100"/>
        <source>Analysis &amp;report…</source>
        <translation>分析报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="101"/>
        <source>District &amp;history…</source>
        <translation>区县历史(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="106"/>
        <source>Indicator grid</source>
        <translation>指标表</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="117"/>
        <source>Cause of the flagged change</source>
        <translation>异常变动的原因</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="119"/>
        <source>What the team does about it</source>
        <translation>团队采取的措施</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="123"/>
        <source>Save the &amp;note</source>
        <translation>保存说明(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="132"/>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="133"/>
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="178"/>
        <source>The figures could not be read: %1</source>
        <translation>无法读取指标数据：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="226"/>
        <source>month on month %1%</source>
        <translation>环比 %1%</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="228"/>
        <source>year on year %1%</source>
        <translation>同比 %1%</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="230"/>
        <source>rank %1 of %2</source>
        <translation>排名 %1/%2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="232"/>
        <source>%1 from the target</source>
        <translation>距目标 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="247"/>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="261"/>
        <source>%1, %2 was not saved: %3</source>
        <translation>%1、%2 未保存：%3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="348"/>
        <source>Note saved.</source>
        <translation>说明已保存。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="351"/>
        <source>The note was not saved: %1</source>
        <translation>说明未保存：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="359"/>
        <source>Import indicator figures</source>
        <translation>导入指标数据</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="360"/>
        <source>Exports (*.xlsx *.csv)</source>
        <translation>导出文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="376"/>
        <source>Export the grid</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="378"/>
        <source>Spreadsheets (*.xlsx)</source>
        <translation>电子表格 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="390"/>
        <source>Flags</source>
        <translation>异常标记</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="394"/>
        <source>Grid exported to %1</source>
        <translation>表格已导出到 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="400"/>
        <source>Save the analysis report</source>
        <translation>保存分析报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="413"/>
        <source>Report written to %1</source>
        <translation>报告已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/page.py" line="436"/>
        <source>%1 month by month</source>
        <translation>%1 逐月数据</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="22"/>
        <source> d </source>
        <translation>天 </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="41"/>
        <source>cannot start or cannot be used; answer within 1 h, 7×24</source>
        <translation>系统无法启动或无法使用；1 小时内响应，7×24</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="43"/>
        <source>errors, key business still works; answer within 2 h, 7×24</source>
        <translation>系统出错但关键业务可运行；2 小时内响应，7×24</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="45"/>
        <source>occasional non-fatal errors; answer within 4 business hours</source>
        <translation>偶发非致命错误；4 个工作小时内响应，5×8</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="47"/>
        <source>questions and suggestions; answer within 6 business hours</source>
        <translation>普通问题与建议；6 个工作小时内响应，5×8</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="27"/>
        <source>en</source>
        <translation>zh_CN</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="81"/>
        <source>all platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="92"/>
        <source>this laptop</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="101"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="103"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/labels.py" line="105"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
</context>
<context>
    <name>LatencyChart</name>
    <message>
        <location filename="../../dzdesk/ui/probes/latency_chart.py" line="38"/>
        <source>Latency history</source>
        <translation>响应时间历史</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/latency_chart.py" line="48"/>
        <source>%1 checks, %2 failed</source>
        <translation>检测 %1 次，失败 %2 次</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/latency_chart.py" line="64"/>
        <source>No results in this period</source>
        <translation>此期间没有巡检记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/latency_chart.py" line="88"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="75"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="80"/>
        <source>Open the log &amp;folder</source>
        <translation>打开日志文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="99"/>
        <source>The log is empty.</source>
        <translation>日志为空。</translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="58"/>
        <source>Data: %1</source>
        <translation>数据目录：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="70"/>
        <source>Offline (no hub configured)</source>
        <translation>离线（未配置同步中心）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="72"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="74"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="76"/>
        <source> · synced %1</source>
        <translation> · 同步于 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/status_bar.py" line="81"/>
        <source>Saved. A teammate changed %n field(s) of this record while it was open here: both values are kept under Sync, Conflicts, for someone to choose.</source>
        <translation>
            <numerusform>已保存。此记录在这里打开期间，同事改动了其中 %n 个字段：两边的值都保留在“同步”页的冲突中，等待有人选择。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="88"/>
        <source>Demo data: never synced</source>
        <translation>演示数据：不同步</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/status_bar.py" line="90"/>
        <source>Unsynced changes: %1</source>
        <translation>待同步：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="114"/>
        <source>dzdesk — Dazhou platforms operations desk</source>
        <translation>dzdesk — 达州平台运维工作台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="246"/>
        <source>Sync: %1</source>
        <translation>同步：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="159"/>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="119"/>
        <source>Areas</source>
        <translation>功能区</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="131"/>
        <source>Opening the data…</source>
        <translation>正在打开数据…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="159"/>
        <source>Visits</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="159"/>
        <source>Incidents</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="159"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="160"/>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="160"/>
        <source>Probes</source>
        <translation>巡检</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="160"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="160"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/main_window.py" line="160"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/main_window.py" line="442"/>
        <source>The team&apos;s working calendar changed; %n deadline(s) moved.</source>
        <translation>
            <numerusform>团队工作日历已更新，%n 个响应时限随之调整。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MaintenanceDialog</name>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="58"/>
        <source>Maintenance windows</source>
        <translation>维护窗口</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="68"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="70"/>
        <source>once</source>
        <translation>一次</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="70"/>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="71"/>
        <source>every week on this weekday</source>
        <translation>每周（同一星期几）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="73"/>
        <source>Repeat until</source>
        <translation>重复至</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="83"/>
        <source>every target of the platform</source>
        <translation>该平台全部目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="89"/>
        <source>&amp;Starts</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="90"/>
        <source>&amp;Lasts</source>
        <translation>持续(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="91"/>
        <source>&amp;Repeats</source>
        <translation>重复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="93"/>
        <source>&amp;Platform</source>
        <translation>平台(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="94"/>
        <source>&amp;Target</source>
        <translation>目标(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="95"/>
        <source>&amp;Note</source>
        <translation>说明(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="101"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="102"/>
        <source>&amp;Save window</source>
        <translation>保存窗口(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="103"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="137"/>
        <source>daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="137"/>
        <source>weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="140"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="178"/>
        <source>The maintenance windows could not be read: %1</source>
        <translation>无法读取维护时段：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="229"/>
        <source>The window must last whole minutes: at least one, and at most seven days.</source>
        <translation>维护窗口时长须为整分钟数，至少 1 分钟且不超过 7 天。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="231"/>
        <source>A daily window must be shorter than a day.</source>
        <translation>每天重复的维护窗口须短于一天。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="232"/>
        <source>The last day comes before the first occurrence.</source>
        <translation>重复截止日期早于首次开始日期。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="255"/>
        <source>This window was deleted meanwhile; nothing was saved.</source>
        <translation>该维护窗口已被删除，未保存任何更改。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="296"/>
        <source>Nothing was changed: %1</source>
        <translation>未作任何更改：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="250"/>
        <source>Saved at %1.</source>
        <translation>已于 %1 保存。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="257"/>
        <source>The window was not saved: %1</source>
        <translation>维护时段未保存：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="264"/>
        <source>Delete maintenance window</source>
        <translation>删除维护窗口</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="265"/>
        <source>Delete this maintenance window? Results already recorded during it stay marked as maintenance.</source>
        <translation>删除这个维护窗口？已记录的该时段巡检结果仍标记为维护期间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="277"/>
        <source>Window deleted (Ctrl+Z brings it back).</source>
        <translation>维护窗口已删除（Ctrl+Z 可恢复）。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/maintenance_dialog.py" line="290"/>
        <source>Deletion undone.</source>
        <translation>已撤销删除。</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="35"/>
        <source>Paste the holiday notice</source>
        <translation>粘贴放假通知</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="38"/>
        <source>Paste the State Council&apos;s notice (国务院办公厅关于…年部分节假日安排的通知) as published. Nothing is applied until every line is read.</source>
        <translation>请粘贴国务院办公厅发布的《关于…年部分节假日安排的通知》原文。每一行都读懂之前不会应用任何内容。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="44"/>
        <source>Notice text</source>
        <translation>通知原文</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="47"/>
        <source>Preview of the year</source>
        <translation>全年预览</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="49"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="49"/>
        <source>Off or working</source>
        <translation>放假或上班</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="49"/>
        <source>Line</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="58"/>
        <source>Days the notice names</source>
        <translation>通知所列日期</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="67"/>
        <source>Use these days</source>
        <translation>采用这些日期</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="111"/>
        <source>off</source>
        <translation>放假</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="111"/>
        <source>working</source>
        <translation>上班</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="119"/>
        <source>Line %1: “%2”: </source>
        <translation>第 %1 行“%2”：</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="123"/>
        <source>Nothing will be applied until every line is read.</source>
        <translation>每一行都读懂之前不会应用任何内容。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="125"/>
        <source>%1: %2 days off, %3 make-up working days.</source>
        <translation>%1 年：放假 %2 天，调休上班 %3 天。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="127"/>
        <source>A notice that changes an earlier one: only the days it names change.</source>
        <translation>这是调整此前安排的通知：只改变其中列出的日期。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/notice_dialog.py" line="129"/>
        <source>The year&apos;s notice: it replaces every day of %1 entered before.</source>
        <translation>这是全年的放假通知：将替换此前录入的 %1 年全部日期。</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="43"/>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="44"/>
        <source>&amp;To</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/period_dialogs.py" line="62"/>
        <source>The period ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="34"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="42"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="43"/>
        <source>none (working offline)</source>
        <translation>无（离线工作）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="45"/>
        <source>only for a hub behind the team&apos;s own CA</source>
        <translation>仅当同步中心使用团队自建 CA 时填写</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="51"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="57"/>
        <source>&amp;Language (after a restart)</source>
        <translation>界面语言（重启后生效）(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="58"/>
        <source>Hub</source>
        <translation>同步中心</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="59"/>
        <source>&amp;Sync every</source>
        <translation>同步间隔(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="60"/>
        <source>Hub &amp;CA bundle (PEM)</source>
        <translation>同步中心 CA 证书 PEM(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="61"/>
        <source>Daily &amp;backups kept</source>
        <translation>保留的每日备份数(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="62"/>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="64"/>
        <source>Engineer &amp;profile…</source>
        <translation>工程师信息(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="65"/>
        <source>Working &amp;calendar…</source>
        <translation>工作日历(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/preferences.py" line="66"/>
        <source>P&amp;robes…</source>
        <translation>巡检(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>ProbeReports</name>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="46"/>
        <source>Export probe results</source>
        <translation>导出巡检记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="47"/>
        <source>Spreadsheets (*.xlsx);;CSV (*.csv)</source>
        <translation>电子表格 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="58"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="60"/>
        <source>%1 results exported to %2</source>
        <translation>已导出 %1 条巡检记录到 %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="61"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="77"/>
        <source>Save the health report</source>
        <translation>保存健康评估报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="96"/>
        <source>Health report written to %1</source>
        <translation>健康评估报告已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="100"/>
        <source>Writing the health report…</source>
        <translation>正在生成健康评估报告…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/reports.py" line="101"/>
        <source>Report not written</source>
        <translation>报告未生成</translation>
    </message>
</context>
<context>
    <name>ProbeSettingsDialog</name>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="42"/>
        <source>Probe settings</source>
        <translation>巡检设置</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="44"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="45"/>
        <source>only when asked</source>
        <translation>仅手动巡检</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="48"/>
        <source> d</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="51"/>
        <source>the operating system&apos;s certificates</source>
        <translation>使用操作系统的证书</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="52"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="59"/>
        <source>e.g. 达川区政务服务中心内网</source>
        <translation>例如 达川区政务服务中心内网</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="60"/>
        <source>Where this laptop probes from: the team reads it beside each result</source>
        <translation>本机巡检时所在的网络：团队在每条巡检结果旁都能看到</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="62"/>
        <source>Sweep &amp;every</source>
        <translation>巡检间隔(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="63"/>
        <source>&amp;Down after consecutive failures</source>
        <translation>连续失败几次判定中断(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="64"/>
        <source>&amp;Up again after consecutive successes</source>
        <translation>连续成功几次判定恢复(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="65"/>
        <source>&amp;Certificate warning</source>
        <translation>证书预警(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="66"/>
        <source>&amp;Targets probed at once</source>
        <translation>同时巡检目标数(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="67"/>
        <source>Extra &amp;CA bundle (PEM)</source>
        <translation>附加 CA 证书(PEM)(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="68"/>
        <source>&amp;Network probed from</source>
        <translation>巡检所在网络(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="83"/>
        <source>CA bundle</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="84"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/settings_dialog.py" line="100"/>
        <source>The CA bundle %1 cannot be read as PEM certificates.</source>
        <translation>无法将 %1 读取为 PEM 证书。</translation>
    </message>
</context>
<context>
    <name>ProbesPage</name>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="102"/>
        <source>&amp;Run now</source>
        <translation>立即巡检(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="105"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="117"/>
        <source>&amp;Targets…</source>
        <translation>巡检目标(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="118"/>
        <source>&amp;Maintenance…</source>
        <translation>维护窗口(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="119"/>
        <source>E&amp;xport results…</source>
        <translation>导出记录(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="120"/>
        <source>&amp;Health report…</source>
        <translation>健康评估报告(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="150"/>
        <source>Probe targets</source>
        <translation>巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="165"/>
        <source>24 hours</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="165"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="174"/>
        <source>Record a &amp;fault…</source>
        <translation>登记故障(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="176"/>
        <source>&amp;Edit target…</source>
        <translation>编辑目标(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="267"/>
        <source>No probe targets</source>
        <translation>没有巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="268"/>
        <source>Add targets with “Targets…”, or import a targets file.</source>
        <translation>请通过“巡检目标…”添加目标，或导入目标文件。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="277"/>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="278"/>
        <source> since %1</source>
        <translation>，自 %1 起</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="281"/>
        <source>Last check: %1  %2</source>
        <translation>最近检测：%1  %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="288"/>
        <source>Certificate: until %1 (%2), issued by %3</source>
        <translation>证书：有效至 %1（%2），签发机构 %3</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="292"/>
        <source>The certificate expires soon.</source>
        <translation>证书即将到期。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="294"/>
        <source>Certificate verification is off for this target.</source>
        <translation>此目标已关闭证书校验。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="322"/>
        <source>No checks in this period.</source>
        <translation>此期间没有检测。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="179"/>
        <source>History of the last</source>
        <translation>统计最近</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="168"/>
        <source>Period of the chart</source>
        <translation>统计时段</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="249"/>
        <source>The board could not be read: %1</source>
        <translation>无法读取巡检看板：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="283"/>
        <location filename="../../dzdesk/ui/probes/page.py" line="343"/>
        <source>Seen from: %1</source>
        <translation>观测来源：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="285"/>
        <source>Seen from: %1, whose checks confirm the state</source>
        <translation>观测来源：%1，状态按它的检测确认</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="316"/>
        <source>The history could not be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="325"/>
        <source>Nothing observed in this period outside maintenance.</source>
        <translation>本期除维护窗口外没有被观测的时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="327"/>
        <source>Availability %1 of the observed time, coverage %2 of the period</source>
        <translation>可用率 %1（按观测到的时间），观测覆盖率 %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="330"/>
        <source> (%1 not observed: no data, not counted as up)</source>
        <translation>（%1 未被观测：无数据，不计为可用）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="333"/>
        <source>%1 checks, %2 failed</source>
        <translation>检测 %1 次，失败 %2 次</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="335"/>
        <source>, median %1 ms, 95th percentile %2 ms</source>
        <translation>，中位数 %1 毫秒，P95 %2 毫秒</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="338"/>
        <source>; %1 during maintenance, not counted</source>
        <translation>；维护期间 %1 次不计入</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="357"/>
        <source>Not synced with the team&apos;s hub yet: only this laptop&apos;s results are shown.</source>
        <translation>尚未与团队的中心同步：只显示本机的巡检结果。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="367"/>
        <source>%1 heard from %2</source>
        <translation>%1 最后联系 %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="369"/>
        <source>Probing for the team: %1</source>
        <translation>团队的观测点：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="371"/>
        <source>⚠ The watcher %1 has not been heard from since %2 (%3 ago): its probes and alerts may have stopped. Check that it is running and can reach the hub.</source>
        <translation>⚠ 值守程序 %1 自 %2 起已 %3没有消息：它的巡检和告警可能已经停止。请检查它是否在运行、能否连上团队的中心。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="387"/>
        <source>Probing…</source>
        <translation>正在巡检…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="392"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="404"/>
        <source>Probing cancelled after %1 target(s).</source>
        <translation>巡检已取消，已完成 %1 个目标。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="406"/>
        <source>No target has an address yet: add them under “Targets…”.</source>
        <translation>尚无目标填写了地址：请在“巡检目标…”中填写。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="408"/>
        <source>Probed %1 target(s), %2 failed.</source>
        <translation>已巡检 %1 个目标，失败 %2 个。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="415"/>
        <source>Target down</source>
        <translation>巡检目标中断</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="415"/>
        <source>Target back up</source>
        <translation>巡检目标已恢复</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="423"/>
        <source>Probing failed: %1</source>
        <translation>巡检失败：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="459"/>
        <source>Found by the probe of “%1” (%2).</source>
        <translation>由巡检目标“%1”（%2）发现。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="460"/>
        <source>Failing since %1: %2</source>
        <translation>自 %1 起异常：%2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/page.py" line="464"/>
        <source>%1 not reachable</source>
        <translation>%1 无法访问</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="14"/>
        <source>Engineer profile</source>
        <translation>工程师资料</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="46"/>
        <source>Enter your name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="47"/>
        <source>The name is longer than 40 characters.</source>
        <translation>姓名超过 40 个字符。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="49"/>
        <source>The phone number is not a mainland mobile (11 digits) or landline number.</source>
        <translation>电话号码不是有效的手机号（11 位）或固定电话号码。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/profile_dialog.py" line="50"/>
        <source>The team name is longer than 60 characters.</source>
        <translation>班组名称超过 60 个字符。</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../forms/profile_form.ui" line="12"/>
        <source>Your name goes on every record you make and on the visit reports customers sign.</source>
        <translation>您的姓名将记录在您创建的每条记录和客户签字的服务单上。</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="21"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="28"/>
        <source>e.g. 李明</source>
        <translation>例如：李明</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="33"/>
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="40"/>
        <source>mobile or 0818 landline</source>
        <translation>手机号或 0818 固定电话</translation>
    </message>
    <message>
        <location filename="../../forms/profile_form.ui" line="45"/>
        <source>&amp;Team</source>
        <translation>班组(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="135"/>
        <source>Both platforms</source>
        <translation>两个平台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="138"/>
        <source>Also write every figure to an XLSX beside the PDF</source>
        <translation>同时把全部统计数据导出为同名 XLSX</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="140"/>
        <source>&amp;Sign it with the team&apos;s certificate (a lead issues it)</source>
        <translation>加盖团队数字签名(&amp;S)（由组长签发）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="112"/>
        <location filename="../../dzdesk/ui/reports/page.py" line="195"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="143"/>
        <source>Period and scope</source>
        <translation>期间与范围</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="145"/>
        <source>&amp;Year</source>
        <translation>年份(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="149"/>
        <source>&amp;Platform</source>
        <translation>平台(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="160"/>
        <source>Pre&amp;view</source>
        <translation>预览(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="161"/>
        <source>Writes the report and shows its first pages (Ctrl+Enter)</source>
        <translation>生成报告并显示前几页（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="164"/>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="165"/>
        <source>Saves the previewed PDF where you choose (Ctrl+S)</source>
        <translation>把预览的 PDF 保存到您选择的位置（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="173"/>
        <source>Made recently</source>
        <translation>最近生成</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="179"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="181"/>
        <source>Show in &amp;folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="210"/>
        <source>Writing the report</source>
        <translation>正在生成报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="232"/>
        <source>Annual operations report</source>
        <translation>年度运维报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="233"/>
        <source>The year against the contract: SLA, faults, visits, training, probes.</source>
        <translation>全年对照合同：时效、故障、上门、培训、巡检。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="234"/>
        <source>Quarterly operations report</source>
        <translation>季度运维报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="235"/>
        <source>One quarter&apos;s figures and faults, for the quarterly review.</source>
        <translation>一个季度的指标与故障，用于季度考核。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="236"/>
        <source>Monthly operations report</source>
        <translation>月度运维报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="237"/>
        <source>One month&apos;s figures, faults and visits.</source>
        <translation>一个月的指标、故障与上门服务。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="238"/>
        <source>Typical cases handout</source>
        <translation>典型案例培训讲义</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="239"/>
        <source>The period&apos;s typical faults and their fixes, for training.</source>
        <translation>本期典型故障及处理方法，用于培训。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="267"/>
        <source>&amp;Quarter</source>
        <translation>季度(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="267"/>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="300"/>
        <source>Choose a report and its period, then Preview: its first pages show here, and Save… keeps that same PDF where you choose.</source>
        <translation>选择报告和期间，然后点“预览”：前几页显示在这里，“保存…”会把这份 PDF 原样保存到您选择的位置。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="303"/>
        <source>%1 (an earlier choice: preview again to see %2)</source>
        <translation>%1（之前的选择：再次预览可查看 %2）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="317"/>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="331"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="364"/>
        <source>Writing %1…</source>
        <translation>正在生成 %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/reports/page.py" line="382"/>
        <source>First %1 of %n page(s)</source>
        <translation>
            <numerusform>共 %n 页，显示前 %1 页</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="386"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="388"/>
        <source>(figures beside it as %1)</source>
        <translation>（统计数据在同一文件夹：%1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/reports/page.py" line="393"/>
        <source>Preview ready: %n page(s). Save… keeps this same PDF.</source>
        <translation>
            <numerusform>预览已生成：共 %n 页。“保存…”会保存这份 PDF。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="417"/>
        <source>%1 is no longer there</source>
        <translation>%1 已不在原处</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="422"/>
        <source>No report saved yet.</source>
        <translation>还没有保存过报告。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="442"/>
        <source>%1 is no longer there: it was moved or deleted.</source>
        <translation>%1 已不在原处：文件已被移动或删除。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/reports/page.py" line="400"/>
        <source>Not written: %1</source>
        <translation>未能生成：%1</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="40"/>
        <source>Import roster: %1</source>
        <translation>导入名单：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="52"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="102"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="66"/>
        <source>Rows that will be left out</source>
        <translation>将被跳过的行</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="69"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="112"/>
        <source>The roster could not be read: %1</source>
        <translation>无法读取名单：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="126"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="133"/>
        <source>%1 people ready to import, %2 rows with problems (file read as %3).</source>
        <translation>可导入 %1 人，%2 行有问题（文件按 %3 读取）。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="143"/>
        <source>Import roster</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="144"/>
        <source>%1 rows have problems and will be left out. Import the other %2 people?</source>
        <translation>%1 行有问题将被跳过。是否导入其余 %2 人？</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/roster_import.py" line="163"/>
        <source>Nobody was imported: %1</source>
        <translation>未导入任何人：%1</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../dzdesk/ui/search/dialog.py" line="28"/>
        <source>Search everywhere</source>
        <translation>全局搜索</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/search/dialog.py" line="31"/>
        <source>Faults, complaints, visits, training — type a word or two</source>
        <translation>故障、投诉、上门服务、培训——输入一两个词</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/search/dialog.py" line="50"/>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/search/dialog.py" line="50"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/search/dialog.py" line="50"/>
        <source>Visit</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/search/dialog.py" line="51"/>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/search/dialog.py" line="73"/>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/search/dialog.py" line="91"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="46"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="49"/>
        <source>Probe now (on the probe board)</source>
        <translation>立即巡检（巡检页）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="49"/>
        <source>Cancel a running sweep</source>
        <translation>取消正在进行的巡检</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="50"/>
        <source>Search the list</source>
        <translation>搜索列表</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="50"/>
        <source>New record on the current page</source>
        <translation>在当前页新建记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="51"/>
        <source>Save the open form</source>
        <translation>保存当前表单</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="53"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/help_dialogs.py" line="53"/>
        <source>Does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="32"/>
        <source>Sign in to the hub</source>
        <translation>登录同步中心</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="39"/>
        <source>only for a hub behind the team&apos;s own CA</source>
        <translation>仅当同步中心使用团队自建 CA 时填写</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="41"/>
        <source>Hub &amp;address</source>
        <translation>同步中心地址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="42"/>
        <source>&amp;Token</source>
        <translation>令牌(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="43"/>
        <source>&amp;CA bundle (PEM)</source>
        <translation>CA 证书 PEM(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="61"/>
        <source>This is a demo data directory; its sample records never sync.</source>
        <translation>这是演示数据目录，其中的示例记录不会同步。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="64"/>
        <source>Enter the hub&apos;s address and your token.</source>
        <translation>请填写同步中心地址和令牌。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="67"/>
        <source>Checking the token with the hub…</source>
        <translation>正在向同步中心验证令牌…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="78"/>
        <source>The hub does not know this token, or it was revoked.</source>
        <translation>同步中心不认识此令牌，或令牌已被吊销。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/sign_in.py" line="80"/>
        <source>The hub cannot be used: %1</source>
        <translation>无法使用同步中心：%1</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="151"/>
        <source>Customer signature</source>
        <translation>客户签字</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="155"/>
        <source>Name of the person signing</source>
        <translation>签字人姓名</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="157"/>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="161"/>
        <source>&amp;Sign</source>
        <translation>签字确认(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="166"/>
        <source>Signed &amp;by</source>
        <translation>签字人(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="168"/>
        <source>By signing, the customer confirms the service described in this report.</source>
        <translation>客户签字即确认本服务单所述服务内容。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="182"/>
        <source>the signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="184"/>
        <source>the signer&apos;s name</source>
        <translation>签字人姓名</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="185"/>
        <source>Still needed: %1</source>
        <translation>尚缺：%1</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../dzdesk/ui/visits/signature_pad.py" line="44"/>
        <source>Sign here with the mouse, a pen or a finger</source>
        <translation>请用鼠标、手写笔或手指在此签名</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../dzdesk/ui/app.py" line="193"/>
        <source>dzdesk is already open on the data directory %1. Switch to that window, or close it first.</source>
        <translation>dzdesk 已在数据目录 %1 上打开。请切换到该窗口，或先将其关闭。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/app.py" line="175"/>
        <source>The backup was not restored: %1</source>
        <translation>备份未恢复：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/app.py" line="178"/>
        <source>Restored from %1; the data it replaced is in %2.</source>
        <translation>已从 %1 恢复；被替换的数据保存在 %2。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="62"/>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="64"/>
        <source>Sign &amp;in…</source>
        <translation>登录(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="184"/>
        <source>sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="184"/>
        <source>receiving</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="184"/>
        <source>files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="256"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="220"/>
        <source>Changes waiting to be sent: %1</source>
        <translation>待发送的更改：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="102"/>
        <source>No hub yet: this laptop works on its own</source>
        <translation>尚未连接同步中心：本机独立工作</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="115"/>
        <source>Sign in to the team&apos;s hub…</source>
        <translation>登录团队的同步中心…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="126"/>
        <source>Hub</source>
        <translation>同步中心</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="127"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="128"/>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="129"/>
        <source>What the last sync moved</source>
        <translation>上次同步传送的内容</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="148"/>
        <source>Records in conflict</source>
        <translation>有冲突的记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="212"/>
        <source>The sync state cannot be read: %1</source>
        <translation>无法读取同步状态：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="240"/>
        <source>This is demo data: it never syncs, so sample records cannot reach the team.</source>
        <translation>这是演示数据：不会同步，示例记录不会传到团队。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="242"/>
        <source>Records stay on this laptop. To share them with the team, sign in to the team&apos;s hub with its address and the token your lead gave you. Everything keeps working offline; changes are sent when the hub can be reached.</source>
        <translation>记录只保存在本机。要与团队共享，请用同步中心地址和组长发给您的令牌登录团队的同步中心。离线时一切照常工作，能连上同步中心时会自动发送改动。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="254"/>
        <source>cannot be reached now: changes wait here and are sent later</source>
        <translation>目前无法连接：改动暂存本机，稍后发送</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="258"/>
        <source>not contacted yet since the window opened</source>
        <translation>本次打开后尚未连接</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="262"/>
        <source>never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="264"/>
        <source>Last attempt failed: %1</source>
        <translation>上次尝试失败：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="266"/>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="266"/>
        <source>Sync now to fetch the team&apos;s records.</source>
        <translation>点“立即同步”获取团队的记录。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="275"/>
        <source>The hub says who you are at the first sync.</source>
        <translation>第一次同步时由同步中心确认您的身份。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="276"/>
        <source>lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="276"/>
        <source>engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="277"/>
        <source>Team: %1</source>
        <translation>团队：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="278"/>
        <source>Role: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="281"/>
        <source>Also reads: %1</source>
        <translation>还可查看：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="286"/>
        <source>Nothing since the window opened.</source>
        <translation>本次打开后还没有同步。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="287"/>
        <source>Sent: %1 change(s)</source>
        <translation>发送：%1 项改动</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="288"/>
        <source>Received: %1 change(s)</source>
        <translation>接收：%1 项改动</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="290"/>
        <source>Merged with the team&apos;s edits: %1</source>
        <translation>与团队的修改合并：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="292"/>
        <source>Files: %1 sent, %2 received</source>
        <translation>文件：发送 %1，接收 %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="295"/>
        <source>Probe results: %1 sent, %2 received</source>
        <translation>巡检结果：发送 %1，接收 %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="298"/>
        <source>The working calendar changed: %1 deadline(s) moved</source>
        <translation>工作日历已更改：%1 个响应期限随之调整</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="301"/>
        <source>%1 is now on time</source>
        <translation>%1 现为按时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="301"/>
        <source>%1 is now late</source>
        <translation>%1 现为超时</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="305"/>
        <source>The hub refused %1 change(s): %2</source>
        <translation>同步中心拒绝了 %1 项改动：%2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="315"/>
        <source>%1 field(s) in %2 record(s) were changed here and by someone else. Both values are kept until you choose; your choice syncs to the team.</source>
        <translation>%2 条记录中的 %1 个字段在本机和别处都被修改了。两个值都会保留，直到您选择；您的选择会同步给团队。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/sync/page.py" line="325"/>
        <source>%1 %2 · %n field(s)</source>
        <translation>
            <numerusform>%1 %2 · %n 个字段</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="339"/>
        <source>Field “%1”</source>
        <translation>字段“%1”</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="339"/>
        <source>A change the hub refused</source>
        <translation>同步中心拒绝的改动</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="340"/>
        <source>Mine (this laptop)</source>
        <translation>我的（本机）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="340"/>
        <source>Theirs</source>
        <translation>对方的</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="341"/>
        <source>&amp;Keep mine</source>
        <translation>保留我的(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="341"/>
        <source>&amp;Take theirs</source>
        <translation>采用对方的(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="342"/>
        <source>Understood, keep the hub&apos;s</source>
        <translation>知道了，保留同步中心的</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="344"/>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="344"/>
        <source>description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="345"/>
        <source>assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="345"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="346"/>
        <source>severity</source>
        <translation>故障级别</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="346"/>
        <source>module</source>
        <translation>功能模块</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="347"/>
        <source>cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="347"/>
        <source>resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="348"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="348"/>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="348"/>
        <source>office</source>
        <translation>服务单位</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="349"/>
        <source>engineers</source>
        <translation>服务工程师</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="349"/>
        <source>work done</source>
        <translation>服务内容</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="350"/>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="350"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="400"/>
        <source>Not settled: %1</source>
        <translation>未能处理：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="405"/>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="405"/>
        <source>fault history</source>
        <translation>故障处理记录</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="406"/>
        <source>fault waiting time</source>
        <translation>故障等待</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="406"/>
        <source>complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="407"/>
        <source>visit</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="407"/>
        <source>visit follow-up</source>
        <translation>上门服务待办</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="408"/>
        <source>visit attachment</source>
        <translation>上门服务附件</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="408"/>
        <source>visit amendment</source>
        <translation>上门服务补充</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="409"/>
        <source>visit&apos;s fault</source>
        <translation>上门服务关联故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="409"/>
        <source>training session</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="410"/>
        <source>attendee</source>
        <translation>学员</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="410"/>
        <source>training material</source>
        <translation>培训材料</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="411"/>
        <source>probe target</source>
        <translation>巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="411"/>
        <source>maintenance window</source>
        <translation>维护窗口</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="340"/>
        <source>On the hub</source>
        <translation>同步中心上的版本</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/sync/page.py" line="341"/>
        <source>Refused change</source>
        <translation>被拒绝的更改</translation>
    </message>
</context>
<context>
    <name>TargetEditor</name>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="47"/>
        <source>Edit probe target</source>
        <translation>编辑巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="47"/>
        <source>New probe target</source>
        <translation>新建巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="54"/>
        <source>HTTP(S) page</source>
        <translation>HTTP(S) 页面</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="54"/>
        <source>TLS certificate</source>
        <translation>TLS 证书</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="55"/>
        <source>TCP port</source>
        <translation>TCP 端口</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="55"/>
        <source>DNS name</source>
        <translation>DNS 域名</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="62"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="65"/>
        <source>any below 400</source>
        <translation>任意小于 400</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="69"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="73"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="74"/>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="75"/>
        <source>Verify the certificate</source>
        <translation>校验证书</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="76"/>
        <source>⚠ Without verification a forged server is not noticed. The board marks this target with a warning.</source>
        <translation>⚠ 不校验证书将无法发现伪造的服务器。巡检面板会为此目标显示警告。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="82"/>
        <source>default (%1 d)</source>
        <translation>默认（%1 天）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="93"/>
        <source>Probe this target</source>
        <translation>巡检此目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="99"/>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="99"/>
        <source>&amp;Platform</source>
        <translation>平台(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="99"/>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="100"/>
        <source>&amp;Address (URL)</source>
        <translation>地址 URL(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="100"/>
        <source>&amp;Host</source>
        <translation>主机(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="100"/>
        <source>P&amp;ort</source>
        <translation>端口(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="101"/>
        <source>Expected &amp;status</source>
        <translation>期望状态码(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="101"/>
        <source>Page &amp;keyword</source>
        <translation>页面关键字(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="102"/>
        <source>&amp;Timeout</source>
        <translation>超时(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="102"/>
        <source>&amp;Latency threshold</source>
        <translation>时延阈值(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="103"/>
        <source>Certificate &amp;warning</source>
        <translation>证书预警天数(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="104"/>
        <source>&amp;Module / subsystem</source>
        <translation>模块/子系统(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="104"/>
        <source>&amp;District</source>
        <translation>区县(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="105"/>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="105"/>
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="106"/>
        <source>No&amp;tes</source>
        <translation>备注(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="179"/>
        <source>This target could not be read: %1</source>
        <translation>无法读取该目标：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="201"/>
        <source>A password is stored in the system keyring; leave the field empty to keep it.</source>
        <translation>密码已保存在系统密钥环中；留空则保持不变。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="264"/>
        <source>Enter a name.</source>
        <translation>请填写名称。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="267"/>
        <source>A TCP target needs a port.</source>
        <translation>TCP 目标须填写端口。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="273"/>
        <source>The address must be a full http:// or https:// URL (https:// for a TLS target).</source>
        <translation>地址须为完整的 http:// 或 https:// 网址（TLS 目标须为 https://）。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="275"/>
        <source>The host must be a name or an IP address, without http:// or a path.</source>
        <translation>主机须为域名或 IP 地址，不含 http:// 和路径。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="299"/>
        <source>Another target already has this name.</source>
        <translation>已有同名的巡检目标。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="301"/>
        <source>This target was deleted meanwhile; nothing was saved.</source>
        <translation>该巡检目标已被删除，未保存任何更改。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="303"/>
        <source>The target was not saved: %1</source>
        <translation>目标未保存：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="309"/>
        <source>Password not stored</source>
        <translation>密码未保存</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/target_editor.py" line="310"/>
        <source>The target is saved, but its password could not be stored: %1</source>
        <translation>目标已保存，但密码未能保存：%1</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="50"/>
        <source>Probe targets</source>
        <translation>巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="53"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="53"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="53"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="54"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="54"/>
        <source>Probed</source>
        <translation>巡检</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="64"/>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="65"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="66"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="67"/>
        <source>&amp;Import file…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="68"/>
        <source>E&amp;xport file…</source>
        <translation>导出文件(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="81"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="122"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="122"/>
        <source>no address</source>
        <translation>未填地址</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="123"/>
        <source>off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="134"/>
        <source>The targets could not be read: %1</source>
        <translation>无法读取巡检目标：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="164"/>
        <source>Delete probe target</source>
        <translation>删除巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="165"/>
        <source>Delete “%1”? Its results stay in the history but it is no longer probed.</source>
        <translation>删除“%1”？其历史记录将保留，但不再巡检。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="173"/>
        <source>“%1” deleted.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="188"/>
        <source>Deletion undone.</source>
        <translation>已撤销删除。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="194"/>
        <source>Nothing was changed: %1</source>
        <translation>未作任何更改：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="202"/>
        <source>Import probe targets</source>
        <translation>导入巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="203"/>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="233"/>
        <source>Targets files (*.toml)</source>
        <translation>目标文件 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="219"/>
        <source>%1 was not imported; nothing changed.

%2</source>
        <translation>%1 未导入，未作任何更改。

%2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="214"/>
        <source>%1 added, %2 updated, %3 unchanged.</source>
        <translation>新增 %1 个，更新 %2 个，未变 %3 个。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="231"/>
        <source>Export probe targets</source>
        <translation>导出巡检目标</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="250"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/probes/targets_dialog.py" line="246"/>
        <source>%n target(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 个目标写入 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tiles</name>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="61"/>
        <source>Up</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="62"/>
        <source>Down</source>
        <translation>中断</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="63"/>
        <source>Failing, not confirmed</source>
        <translation>异常待确认</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="64"/>
        <source>Recovering</source>
        <translation>恢复中</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="65"/>
        <source>In maintenance</source>
        <translation>维护中</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="66"/>
        <source>Not yet probed</source>
        <translation>尚未巡检</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="67"/>
        <source>No address yet</source>
        <translation>未填地址</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="68"/>
        <source>Off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="75"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="83"/>
        <source>cert. %1 d</source>
        <translation>证书剩 %1 天</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="93"/>
        <source>since %1</source>
        <translation>自 %1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/probes/tiles.py" line="155"/>
        <source>Last check %1, seen from %2</source>
        <translation>最近检测 %1，观测来源：%2</translation>
    </message>
</context>
<context>
    <name>TrainingEditor</name>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="59"/>
        <source>Edit training session</source>
        <translation>编辑培训</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="59"/>
        <source>Plan a training session</source>
        <translation>安排培训</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="89"/>
        <source>Add &amp;materials…</source>
        <translation>添加培训材料(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="93"/>
        <source>Materials (slides, handouts, videos)</source>
        <translation>培训材料（课件、讲义、视频）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="148"/>
        <source>The session could not be read: %1</source>
        <translation>无法读取该培训：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="207"/>
        <source>Give the session a title.</source>
        <translation>请填写培训主题。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="209"/>
        <source>The session ends before it starts.</source>
        <translation>培训结束时间早于开始时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="216"/>
        <source>Add materials</source>
        <translation>添加培训材料</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="245"/>
        <source>A file could not be added: %1</source>
        <translation>无法添加文件：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/editor.py" line="247"/>
        <source>The session was not saved: %1</source>
        <translation>培训未保存：%1</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <location filename="../../forms/training_form.ui" line="9"/>
        <source>&amp;Title</source>
        <translation>培训主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="11"/>
        <source>&amp;Kind</source>
        <translation>培训类别(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="13"/>
        <source>Platforms</source>
        <translation>涉及平台</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="15"/>
        <source>&amp;Modules covered</source>
        <translation>培训内容(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="17"/>
        <source>&amp;Starts at</source>
        <translation>开始时间(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="19"/>
        <source>&amp;Ends at</source>
        <translation>结束时间(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="21"/>
        <source>Dist&amp;rict</source>
        <translation>区县(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="23"/>
        <source>&amp;Venue</source>
        <translation>培训地点(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="25"/>
        <source>T&amp;rainers</source>
        <translation>培训讲师(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="27"/>
        <source>Target &amp;units</source>
        <translation>参训单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../forms/training_form.ui" line="29"/>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>TrainingTable</name>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="40"/>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="41"/>
        <source>Title</source>
        <translation>培训主题</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="42"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="43"/>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="44"/>
        <source>Trainers</source>
        <translation>讲师</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="45"/>
        <source>On roster</source>
        <translation>名单人数</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="46"/>
        <source>Came</source>
        <translation>实到</translation>
    </message>
</context>
<context>
    <name>TrainingsPage</name>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="72"/>
        <source>Training sessions</source>
        <translation>培训场次</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="80"/>
        <source>&amp;New session</source>
        <translation>安排培训(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="81"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="82"/>
        <source>Import &amp;roster…</source>
        <translation>导入名单(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="83"/>
        <source>&amp;Check-in</source>
        <translation>签到(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="84"/>
        <source>&amp;Sign-in sheet…</source>
        <translation>签到表(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="85"/>
        <source>&amp;Attendance summary…</source>
        <translation>签到汇总(&amp;A)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/trainings/page.py" line="70"/>
        <source>%n session(s)</source>
        <translation>
            <numerusform>共 %n 场培训</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="132"/>
        <source>Import a roster</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="133"/>
        <source>Rosters (*.xlsx *.csv)</source>
        <translation>名单 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="159"/>
        <source>Save the sheet</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/trainings/page.py" line="173"/>
        <source>Sheet not written</source>
        <translation>未能生成</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../dzdesk/ui/indicators/trend_chart.py" line="23"/>
        <source>Indicator trend</source>
        <translation>指标趋势</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/indicators/trend_chart.py" line="51"/>
        <source>No figures for these months</source>
        <translation>这些月份没有数据</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="76"/>
        <source>Edit visit</source>
        <translation>编辑上门服务</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="76"/>
        <source>Record a visit</source>
        <translation>登记上门服务</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="99"/>
        <source>Follow-up</source>
        <translation>后续事项</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="99"/>
        <source>Due (yyyy-mm-dd)</source>
        <translation>期限（yyyy-mm-dd）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="99"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="115"/>
        <source>Add &amp;photos or files…</source>
        <translation>添加照片或文件(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="117"/>
        <source>Record a &amp;fault found here…</source>
        <translation>登记现场发现的故障(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="119"/>
        <source>Add follow-&amp;up</source>
        <translation>添加后续事项(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="121"/>
        <source>Add &amp;amendment…</source>
        <translation>添加修订(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="126"/>
        <source>Photos and files</source>
        <translation>照片与附件</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="129"/>
        <source>Faults found or handled</source>
        <translation>发现或处理的故障</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="156"/>
        <source>Reading the visit…</source>
        <translation>正在读取上门服务记录…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="157"/>
        <source>The visit could not be read: %1</source>
        <translation>无法读取这条上门服务记录：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="278"/>
        <source>Signed by %1 on %2. The visit is locked; changes are recorded as amendments.</source>
        <translation>已由 %1 于 %2 签字。服务单已锁定，之后的更改将作为修订记录。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="338"/>
        <source>Add photos or files</source>
        <translation>添加照片或文件</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="339"/>
        <source>Photos (*.jpg *.jpeg *.png);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="370"/>
        <source>Amendment</source>
        <translation>修订</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="371"/>
        <source>What changed after the customer signed?</source>
        <translation>客户签字后有哪些变化？</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="398"/>
        <source>Not stored: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="417"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="432"/>
        <source>A file could not be added: %1</source>
        <translation>无法添加文件：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="430"/>
        <source>This visit was deleted meanwhile; nothing was saved.</source>
        <translation>该上门服务记录已被删除，未保存任何更改。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/stored.py" line="36"/>
        <source>This visit is no longer stored.</source>
        <translation>这条上门服务记录已不在本机记录中。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="434"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/editor.py" line="455"/>
        <source>&apos;%1&apos; is not a date like 2026-12-01</source>
        <translation>“%1”不是 2026-12-01 这样的日期</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../forms/visit_form.ui" line="9"/>
        <source>Where and who</source>
        <translation>地点与人员</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="11"/>
        <source>&amp;Office / unit</source>
        <translation>服务单位(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="13"/>
        <source>De&amp;partment</source>
        <translation>科室/部门(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="15"/>
        <source>Dist&amp;rict</source>
        <translation>区县(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="17"/>
        <source>Addre&amp;ss</source>
        <translation>地址(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="19"/>
        <source>Platforms</source>
        <translation>服务平台</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="21"/>
        <source>Services</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="23"/>
        <source>&amp;Engineers</source>
        <translation>服务工程师(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="25"/>
        <source>Customer &amp;contact</source>
        <translation>客户联系人(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="27"/>
        <source>Contact p&amp;hone</source>
        <translation>联系电话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="31"/>
        <source>Work</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="33"/>
        <source>&amp;Arrived at</source>
        <translation>到达时间(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="35"/>
        <source>&amp;Left at</source>
        <translation>离开时间(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="37"/>
        <source>&amp;Work done</source>
        <translation>工作内容(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="39"/>
        <source>Problems &amp;found</source>
        <translation>发现的问题(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../forms/visit_form.ui" line="41"/>
        <source>Follow-&amp;ups</source>
        <translation>后续事项(&amp;U)</translation>
    </message>
</context>
<context>
    <name>VisitProblems</name>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="17"/>
        <source>Enter the office or unit visited.</source>
        <translation>请填写服务单位。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="18"/>
        <source>Choose at least one platform.</source>
        <translation>请至少选择一个平台。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="19"/>
        <source>Choose at least one kind of service.</source>
        <translation>请至少选择一个服务类别。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="21"/>
        <source>Enter who went.</source>
        <translation>请填写服务工程师。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="22"/>
        <source>Describe the work done.</source>
        <translation>请填写工作内容。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="23"/>
        <source>The arrival time is in the future.</source>
        <translation>到达时间晚于当前时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="25"/>
        <source>The departure time is before the arrival time.</source>
        <translation>离开时间早于到达时间。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="27"/>
        <source>A visit longer than three days is more than one visit: record each day.</source>
        <translation>超过三天的服务应分次登记：请按天分别记录。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="29"/>
        <source>A follow-up needs a description.</source>
        <translation>后续事项须填写内容。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="31"/>
        <source>Enter the name of the person who signs.</source>
        <translation>请填写签字人姓名。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="33"/>
        <source>The customer has not signed yet.</source>
        <translation>客户尚未签字。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="35"/>
        <source>This visit is signed and locked: record an amendment instead.</source>
        <translation>该服务单已签字锁定：请改为添加修订。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/texts.py" line="37"/>
        <source>The visit was changed while the customer was signing (a sync brought a teammate&apos;s change): go through it with them again, then sign.</source>
        <translation>客户签字期间，此服务单已被改动（同步带来了同事的修改）：请与客户重新核对内容后再签字。</translation>
    </message>
</context>
<context>
    <name>VisitTable</name>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="68"/>
        <source>Report no.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="69"/>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="70"/>
        <source>Office</source>
        <translation>服务单位</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="71"/>
        <source>Department</source>
        <translation>科室/部门</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="72"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="73"/>
        <source>Services</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="74"/>
        <source>Engineers</source>
        <translation>服务工程师</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="75"/>
        <source>Signed</source>
        <translation>签字</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="90"/>
        <source>%1 by %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="92"/>
        <source>not signed</source>
        <translation>未签字</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="179"/>
        <source>&amp;New visit</source>
        <translation>登记上门服务(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="180"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="181"/>
        <source>Customer si&amp;gns…</source>
        <translation>客户签字(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="182"/>
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="183"/>
        <source>Export signe&amp;d PDF…</source>
        <translation>导出带签名的 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="184"/>
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/visits/page.py" line="222"/>
        <source>%n visit(s)</source>
        <translation>
            <numerusform>共 %n 次上门服务</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="307"/>
        <source>Already signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="308"/>
        <source>This visit is signed and locked: record an amendment instead.</source>
        <translation>该服务单已签字锁定：请改为添加修订。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="302"/>
        <location filename="../../dzdesk/ui/visits/page.py" line="329"/>
        <source>Not signed</source>
        <translation>未签字</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="345"/>
        <location filename="../../dzdesk/ui/visits/page.py" line="355"/>
        <source>Report not written</source>
        <translation>服务单未能生成</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="140"/>
        <location filename="../../dzdesk/ui/visits/page.py" line="361"/>
        <source>Not signed yet</source>
        <translation>尚未签字</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="111"/>
        <source>This visit is no longer stored.</source>
        <translation>这条上门服务记录已不在本机记录中。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="132"/>
        <source>Search visits</source>
        <translation>搜索上门服务</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="133"/>
        <source>Search bureau, engineer, work done… (Ctrl+F)</source>
        <translation>搜索单位、工程师、服务内容…（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="139"/>
        <source>Signature</source>
        <translation>签字</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="140"/>
        <source>Signed or not</source>
        <translation>签字与否</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="141"/>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="144"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="145"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="145"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="145"/>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="146"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="150"/>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="151"/>
        <source>All engineers</source>
        <translation>全部工程师</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="152"/>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="171"/>
        <source>Visits</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="220"/>
        <source>No visit matches these filters.</source>
        <translation>没有符合这些条件的上门服务。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="226"/>
        <source>The visits could not be read: %1</source>
        <translation>无法读取上门服务列表：%1</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="362"/>
        <source>The report is signed with the team&apos;s certificate once the customer has signed it.</source>
        <translation>客户签字后，服务单才能加盖团队数字签名。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="364"/>
        <source>Export the visit report</source>
        <translation>导出上门服务单</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/visits/page.py" line="372"/>
        <source>Visit report written to %1</source>
        <translation>上门服务单已保存到 %1</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <location filename="../../dzdesk/ui/window_dialogs.py" line="32"/>
        <source>Preferences saved.</source>
        <translation>首选项已保存。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_dialogs.py" line="63"/>
        <source>Welcome, %1.</source>
        <translation>欢迎，%1。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_dialogs.py" line="88"/>
        <source>Alert channels saved; they reach the team at its next sync.</source>
        <translation>告警通道已保存；下次同步时送达团队。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_dialogs.py" line="103"/>
        <source>Probe settings saved.</source>
        <translation>巡检设置已保存。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../dzdesk/ui/window_dialogs.py" line="107"/>
        <source>Calendar saved; %n deadline(s) moved.</source>
        <translation>
            <numerusform>日历已保存；%n 条故障的响应期限已调整。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_dialogs.py" line="113"/>
        <source>Profile saved.</source>
        <translation>资料已保存。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_dialogs.py" line="123"/>
        <source>The language changes the next time dzdesk starts.</source>
        <translation>界面语言将在下次启动 dzdesk 时生效。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_dialogs.py" line="128"/>
        <source>About dzdesk</source>
        <translation>关于 dzdesk</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_dialogs.py" line="129"/>
        <source>dzdesk %1
Operations desk for the Dazhou construction credit platform and the engineering-project approval system.

Data directory: %2</source>
        <translation>dzdesk %1
达州市工程建设领域信用信息平台与工程建设项目审批管理系统运维工作台。

数据目录：%2</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="36"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="37"/>
        <source>&amp;Record a fault…</source>
        <translation>登记故障(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="42"/>
        <source>&amp;Back up to a file…</source>
        <translation>备份到文件(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="45"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="49"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="54"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="55"/>
        <source>&amp;Search everywhere…</source>
        <translation>全局搜索(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="66"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="67"/>
        <source>P&amp;references…</source>
        <translation>首选项(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="72"/>
        <source>Engineer &amp;profile…</source>
        <translation>工程师资料(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="75"/>
        <source>Working &amp;calendar…</source>
        <translation>工作日历(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="78"/>
        <source>&amp;Alert channels…</source>
        <translation>告警通道(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="81"/>
        <source>P&amp;robes…</source>
        <translation>巡检(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="84"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="94"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="95"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="99"/>
        <source>Show the &amp;log</source>
        <translation>查看日志(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/window_menus.py" line="102"/>
        <source>&amp;About dzdesk</source>
        <translation>关于 dzdesk(&amp;A)</translation>
    </message>
</context>
<context>
    <name>_DemoPage</name>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="105"/>
        <source>Look around first?</source>
        <translation>先看看示例？</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="106"/>
        <source>Demo data fills a separate folder with a year of sample records; your own data stays empty and apart.</source>
        <translation>演示数据会写入单独的文件夹，包含一年的示例记录；您自己的数据仍为空且互不影响。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="108"/>
        <source>Open &amp;demo data in a second window</source>
        <translation>在另一个窗口打开演示数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="125"/>
        <source>Writing demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="130"/>
        <source>Demo data is in %1.</source>
        <translation>演示数据位于 %1。</translation>
    </message>
</context>
<context>
    <name>_HubPage</name>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="71"/>
        <source>The team&apos;s hub</source>
        <translation>团队同步中心</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="72"/>
        <source>dzdesk works offline; with the hub, your records reach the team when there is a network.</source>
        <translation>dzdesk 可离线工作；连接同步中心后，有网络时记录会同步给团队。</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="74"/>
        <source>Work &amp;offline for now (sign in later under 同步)</source>
        <translation>暂时离线工作（以后在“同步”页登录）(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="75"/>
        <source>&amp;Sign in to the hub</source>
        <translation>登录同步中心(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="82"/>
        <source>the token your team lead gave you</source>
        <translation>组长发给您的令牌</translation>
    </message>
</context>
<context>
    <name>_PlatformsPage</name>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="49"/>
        <source>The platforms you serve</source>
        <translation>您负责的平台</translation>
    </message>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="50"/>
        <source>New faults and visits start with these; you can still record any platform.</source>
        <translation>新建故障和上门服务时默认选择这些平台，仍可记录任何平台。</translation>
    </message>
</context>
<context>
    <name>_ProfilePage</name>
    <message>
        <location filename="../../dzdesk/ui/first_run.py" line="33"/>
        <source>Who you are</source>
        <translation>您的信息</translation>
    </message>
</context>
</TS>
