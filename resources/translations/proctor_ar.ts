<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ActionDialogs</name>
    <message>
        <source>Shorten the text to {limit} characters (now {length}).</source>
        <extracomment>The field that has the focus when the dialog opens (set by each dialog). The person typed, chose or tried to submit: problems are shown from now on.</extracomment>
        <translation>اختصر النص إلى {limit} حرفًا (الآن {length}).</translation>
    </message>
</context>
<context>
    <name>ActionPolicy</name>
    <message>
        <source>Sample sessions are read-only.</source>
        <extracomment>Qt&apos;s translation context of the details window&apos;s buttons.</extracomment>
        <translation>الجلسات التجريبية للقراءة فقط.</translation>
    </message>
    <message>
        <source>This session has ended.</source>
        <translation>انتهت هذه الجلسة.</translation>
    </message>
    <message>
        <source>A session is reviewed after it ends.</source>
        <translation>تُراجَع الجلسة بعد انتهائها.</translation>
    </message>
    <message>
        <source>A report is being written; it can be exported again when that is done.</source>
        <translation>يجري إعداد تقرير؛ يمكن تصديره مرة أخرى عند انتهاء ذلك.</translation>
    </message>
    <message>
        <source>An evidence bundle is being saved; it can be exported again when that is done.</source>
        <translation>تجري حفظ حزمة الأدلة؛ يمكن تصديرها مرة أخرى عند انتهاء ذلك.</translation>
    </message>
    <message>
        <source>The exam center&apos;s server cannot be reached; this is back when it is.</source>
        <translation>تعذّر الوصول إلى خادم مركز الاختبار؛ يعود هذا عند عودته.</translation>
    </message>
    <message>
        <source>Signed out: sign in again to act on this session.</source>
        <translation>تم تسجيل الخروج: سجّل الدخول مرة أخرى لاتخاذ إجراء في هذه الجلسة.</translation>
    </message>
    <message>
        <source>Start the candidate&apos;s clock again; the paused time is given back</source>
        <translation>شغّل ساعة المرشح مرة أخرى؛ يُعاد إليه وقت الإيقاف</translation>
    </message>
    <message>
        <source>Flag…</source>
        <translation>وضع علامة…</translation>
    </message>
    <message>
        <source>Mark this session for attention with a reason</source>
        <translation>ميّز هذه الجلسة للانتباه مع ذكر السبب</translation>
    </message>
    <message>
        <source>Warn…</source>
        <translation>تحذير…</translation>
    </message>
    <message>
        <source>Send the candidate a warning they must acknowledge</source>
        <translation>أرسل إلى المرشح تحذيرًا عليه أن يقرّ به</translation>
    </message>
    <message>
        <source>Terminate…</source>
        <translation>إنهاء…</translation>
    </message>
    <message>
        <source>End this exam now</source>
        <translation>أنهِ هذا الاختبار الآن</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>إيقاف مؤقت…</translation>
    </message>
    <message>
        <source>Stop the candidate&apos;s clock, with a reason they read</source>
        <translation>أوقف ساعة المرشح مع سبب يقرؤه</translation>
    </message>
    <message>
        <source>Add time…</source>
        <translation>إضافة وقت…</translation>
    </message>
    <message>
        <source>Give the candidate more minutes</source>
        <translation>امنح المرشح دقائق إضافية</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>مراجعة…</translation>
    </message>
    <message>
        <source>Record the outcome of the post-exam review</source>
        <translation>سجّل نتيجة المراجعة بعد الاختبار</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>تصدير التقرير…</translation>
    </message>
    <message>
        <source>Save a PDF with the facts, timeline and snapshots</source>
        <translation>احفظ ملف PDF بالمعلومات والخط الزمني واللقطات</translation>
    </message>
    <message>
        <source>Export evidence bundle…</source>
        <translation>تصدير حزمة الأدلة…</translation>
    </message>
    <message>
        <source>Save the center&apos;s signed zip of this session&apos;s evidence, which proctor-verify checks offline</source>
        <translation>احفظ ملف zip الموقّع من المركز لأدلة هذه الجلسة، والذي يتحقق منه proctor-verify دون اتصال</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <source>Edit review…</source>
        <translation>تعديل المراجعة…</translation>
    </message>
</context>
<context>
    <name>AddTimeDialog</name>
    <message>
        <source>Add time for {name}</source>
        <translation>إضافة وقت لـ {name}</translation>
    </message>
    <message>
        <source>The deadline moves by the minutes you give, at once on the kiosk too. The reason and your name go on the timeline.</source>
        <translation>يتأخر الموعد النهائي بالدقائق التي تمنحها، فورًا على الجهاز أيضًا. يُسجَّل السبب واسمك في السجل الزمني.</translation>
    </message>
    <message>
        <source>Add time</source>
        <translation>إضافة وقت</translation>
    </message>
    <message>
        <source> min</source>
        <translation> د</translation>
    </message>
    <message>
        <source>Why? e.g. the kiosk was restarted (required)</source>
        <translation>لماذا؟ مثلًا أُعيد تشغيل الجهاز (مطلوب)</translation>
    </message>
    <message>
        <source>Extra time</source>
        <translation>وقت إضافي</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Write the reason for the extra time.</source>
        <translation>اكتب سبب الوقت الإضافي.</translation>
    </message>
</context>
<context>
    <name>AgoWords</name>
    <message numerus="yes">
        <source>%Ln s ago</source>
        <translation>
            <numerusform>الآن</numerusform>
            <numerusform>قبل ثانية واحدة</numerusform>
            <numerusform>قبل ثانيتين</numerusform>
            <numerusform>قبل %Ln ثوانٍ</numerusform>
            <numerusform>قبل %Ln ثانية</numerusform>
            <numerusform>قبل %Ln ثانية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln min ago</source>
        <translation>
            <numerusform>الآن</numerusform>
            <numerusform>قبل دقيقة واحدة</numerusform>
            <numerusform>قبل دقيقتين</numerusform>
            <numerusform>قبل %Ln دقائق</numerusform>
            <numerusform>قبل %Ln دقيقة</numerusform>
            <numerusform>قبل %Ln دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln h ago</source>
        <translation>
            <numerusform>الآن</numerusform>
            <numerusform>قبل ساعة واحدة</numerusform>
            <numerusform>قبل ساعتين</numerusform>
            <numerusform>قبل %Ln ساعات</numerusform>
            <numerusform>قبل %Ln ساعة</numerusform>
            <numerusform>قبل %Ln ساعة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertCenter</name>
    <message>
        <source>Settings…</source>
        <translation>الإعدادات…</translation>
    </message>
    <message>
        <source>Alerts, desktop notifications and sound</source>
        <translation>التنبيهات وإشعارات سطح المكتب والصوت</translation>
    </message>
</context>
<context>
    <name>AlertController</name>
    <message>
        <source>The alert could not be marked acknowledged ({error}). Try again; if the center cannot be reached, the connection banner says so.</source>
        <extracomment>Session changes after which its warnings are read again (a dismissed warning&apos;s alert clears the warning). Session changes that a proctor handled one of its alerts (the timeline is read for them). Timeline event type -&gt; what was done with the alert. Alerts became due (a list of core.domain.alerts.Alert), after they were listed. The proctor asked to see this session (an alert was opened). The first full read of the live sessions was applied. Acknowledging or dismissing an alert failed: the center&apos;s sentence. An alert&apos;s handling (from this console or another) was applied to the list. Sessions seen ending: a read that started before the end must not bring them back. Alert events (by event id) already applied: a later episode is never marked by an earlier handling read again.</extracomment>
        <translation>تعذّر تعليم التنبيه بأنه أُقرّ به ({error}). حاول مرة أخرى؛ إن تعذّر الوصول إلى المركز فسيذكر ذلك شريط الاتصال.</translation>
    </message>
    <message>
        <source>The alert could not be marked dismissed ({error}). Try again; if the center cannot be reached, the connection banner says so.</source>
        <translation>تعذّر تعليم التنبيه بأنه صُرف ({error}). حاول مرة أخرى؛ إن تعذّر الوصول إلى المركز فسيذكر ذلك شريط الاتصال.</translation>
    </message>
</context>
<context>
    <name>AlertKinds</name>
    <message>
        <source>A session turns high risk</source>
        <extracomment>core.domain.alerts.ALERT_KIND_WORDS word for word, so that lupdate reads them (a test keeps them equal).</extracomment>
        <translation>تصبح جلسة عالية الخطورة</translation>
    </message>
    <message>
        <source>A kiosk goes silent (no contact for a while)</source>
        <translation>يصمت كشك (لا اتصال لبعض الوقت)</translation>
    </message>
    <message>
        <source>A kiosk&apos;s camera turns off</source>
        <translation>تتوقف كاميرا كشك</translation>
    </message>
    <message>
        <source>A warning stays unacknowledged</source>
        <translation>يبقى تحذير دون إقرار</translation>
    </message>
</context>
<context>
    <name>AlertListModel</name>
    <message>
        <source>Dismissed by {who} at {time}</source>
        <extracomment>Older alerts beyond this many are dropped (a long day stays light). &quot;acknowledged&quot; or &quot;dismissed&quot; (core.domain.alerts.AlertHandling), &quot;&quot; when neither.</extracomment>
        <translation>صرفه {who} في {time}</translation>
    </message>
    <message>
        <source>Dismissed at {time}</source>
        <translation>صُرف في {time}</translation>
    </message>
    <message>
        <source>Acknowledged by {who} at {time}</source>
        <translation>أقرّ به {who} في {time}</translation>
    </message>
    <message>
        <source>Acknowledged at {time}</source>
        <translation>أُقرّ به في {time}</translation>
    </message>
    <message>
        <source>High risk: {name}</source>
        <extracomment>An alert&apos;s heading by its kind (the alert rule&apos;s own words, core.domain.alerts), said in the console&apos;s language.</extracomment>
        <translation>خطورة عالية: {name}</translation>
    </message>
    <message>
        <source>Camera off: {name}</source>
        <translation>الكاميرا متوقفة: {name}</translation>
    </message>
    <message>
        <source>Kiosk silent: {name}</source>
        <translation>الكشك صامت: {name}</translation>
    </message>
    <message>
        <source>Warning unanswered: {name}</source>
        <translation>تحذير بلا رد: {name}</translation>
    </message>
    <message>
        <source>Seen alert at {time}: {message}</source>
        <extracomment>The number of alerts not seen yet changed.</extracomment>
        <translation>تنبيه مقروء في {time}: {message}</translation>
    </message>
    <message>
        <source>New alert at {time}: {message}</source>
        <translation>تنبيه جديد في {time}: {message}</translation>
    </message>
</context>
<context>
    <name>AlertMessages</name>
    <message>
        <source>{name} ({exam}) is now high risk, score {score}.</source>
        <translation>صار {name} ‏({exam}) عالي الخطورة، بدرجة {score}.</translation>
    </message>
    <message>
        <source>The camera of {name}&apos;s kiosk ({exam}) is off, so no snapshots arrive.</source>
        <translation>كاميرا كشك {name} ‏({exam}) متوقفة، لذا لا تصل أي لقطات.</translation>
    </message>
    <message>
        <source>{name}&apos;s kiosk ({exam}) was closed and has been silent for {span}.</source>
        <translation>أُغلق كشك {name} ‏({exam}) وهو صامت منذ {span}.</translation>
    </message>
    <message>
        <source>{name}&apos;s kiosk ({exam}) has not called the center since the session started, {span} ago.</source>
        <translation>لم يتصل كشك {name} ‏({exam}) بالمركز منذ بدء الجلسة قبل {span}.</translation>
    </message>
    <message>
        <source>{name}&apos;s kiosk ({exam}) has not been in contact for {span}.</source>
        <translation>لم يتواصل كشك {name} ‏({exam}) منذ {span}.</translation>
    </message>
    <message>
        <source>{name} ({exam}) has not acknowledged the warning “{warning}” sent {span} ago.</source>
        <translation>لم يُقرّ {name} ‏({exam}) بالتحذير «{warning}» المرسل قبل {span}.</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} ث</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} د</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} س {minutes} د</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} س</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>Proctor Console alerts</source>
        <extracomment>The proctor clicked the desktop notification of an alert about this session. (title, message) of every notification shown, newest last (the tray may be absent). How many times the alert sound was played.</extracomment>
        <translation>تنبيهات وحدة المراقبة</translation>
    </message>
    <message>
        <source>… and {count} more in the Alerts list.</source>
        <translation>… و{count} غيرها في قائمة التنبيهات.</translation>
    </message>
    <message>
        <source>{count} new alerts</source>
        <translation>تنبيهات جديدة: {count}</translation>
    </message>
</context>
<context>
    <name>AlertsButton</name>
    <message>
        <source>Alerts {count}</source>
        <translation>التنبيهات {count}</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>التنبيهات</translation>
    </message>
    <message numerus="yes">
        <source>%Ln alert(s) you have not seen yet: click to see them</source>
        <translation>
            <numerusform>لا تنبيهات لم ترها بعد: انقر لرؤيتها</numerusform>
            <numerusform>تنبيه واحد لم تره بعد: انقر لرؤيته</numerusform>
            <numerusform>تنبيهان لم ترهما بعد: انقر لرؤيتهما</numerusform>
            <numerusform>%Ln تنبيهات لم ترها بعد: انقر لرؤيتها</numerusform>
            <numerusform>%Ln تنبيهًا لم تره بعد: انقر لرؤيتها</numerusform>
            <numerusform>%Ln تنبيه لم تره بعد: انقر لرؤيتها</numerusform>
        </translation>
    </message>
    <message>
        <source>Alerts: what needed you while you looked away</source>
        <translation>التنبيهات: ما احتاج إليك بينما كنت تنظر بعيدًا</translation>
    </message>
</context>
<context>
    <name>AlertsDialog</name>
    <message>
        <source>Every alert has been dismissed; Show dismissed lists them.</source>
        <translation>صُرفت كل التنبيهات؛ «إظهار المصروفة» يعرضها.</translation>
    </message>
    <message>
        <source>Alerts</source>
        <extracomment>Open this session&apos;s details. The proctor asked for the alert settings. Acknowledge or dismiss the alert in this row (&quot;acknowledged&quot; or &quot;dismissed&quot;).</extracomment>
        <translation>التنبيهات</translation>
    </message>
    <message>
        <source>What needed you while you looked away, newest first. Open one to see its session; new ones are in bold until you mark them seen.</source>
        <translation>ما احتاج إليك بينما كنت تنظر بعيدًا، الأحدث أولًا. افتح أحدها لترى جلسته؛ الجديدة بخط عريض حتى تعلّمها مقروءة.</translation>
    </message>
    <message>
        <source>No alerts so far. They appear here (and as a desktop notification) when a session needs you.</source>
        <translation>لا تنبيهات حتى الآن. تظهر هنا (وكإشعار على سطح المكتب) عندما تحتاج إليك جلسة.</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>فتح الجلسة</translation>
    </message>
    <message>
        <source>Mark seen</source>
        <translation>تعليم كمقروء</translation>
    </message>
    <message>
        <source>Mark all seen</source>
        <translation>تعليم الكل كمقروء</translation>
    </message>
    <message>
        <source>Alert settings…</source>
        <translation>إعدادات التنبيهات…</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>إقرار</translation>
    </message>
    <message>
        <source>Tell the other proctors you are on it: it stops nagging and stays listed</source>
        <translation>أخبر المراقبين الآخرين بأنك تتولاه: يتوقف عن الإلحاح ويبقى في القائمة</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>صرف</translation>
    </message>
    <message>
        <source>Dealt with: it leaves the list for every proctor; the candidate of an unanswered warning is told they may continue</source>
        <translation>تمت معالجته: يغادر القائمة لدى كل مراقب؛ ويُبلَّغ مرشح التحذير الذي لم يُرد عليه بأنه يمكنه المتابعة</translation>
    </message>
    <message>
        <source>Show dismissed</source>
        <translation>إظهار المصروفة</translation>
    </message>
    <message>
        <source>Show dismissed ({count})</source>
        <translation>إظهار المصروفة ({count})</translation>
    </message>
</context>
<context>
    <name>CameraLink</name>
    <message>
        <source>The camera works again.</source>
        <translation>الكاميرا تعمل من جديد.</translation>
    </message>
    <message>
        <source>The camera is still not available.</source>
        <translation>الكاميرا لا تزال غير متاحة.</translation>
    </message>
</context>
<context>
    <name>CameraWords</name>
    <message>
        <source>The {camera} could not be opened ({error}).</source>
        <extracomment>A snapshot uses the newest frame only if it is at most this old. Set from the GUI thread when the preview widget changes size (a tuple is replaced atomically); frames are made at this size so the GUI paints them without scaling.</extracomment>
        <translation>تعذّر فتح {camera} ({error}).</translation>
    </message>
    <message>
        <source>The {camera} stopped working ({error}).</source>
        <translation>توقّف {camera} عن العمل ({error}).</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures.</source>
        <translation>توقّفت الكاميرا عن إرسال الصور.</translation>
    </message>
    <message>
        <source>The {camera} opened but sends no pictures.</source>
        <translation>فُتح {camera} لكنه لا يرسل أي صورة.</translation>
    </message>
    <message>
        <source>The video file {path} does not exist.</source>
        <translation>ملف الفيديو {path} غير موجود.</translation>
    </message>
    <message>
        <source>The video file {path} cannot be played.</source>
        <translation>تعذّر تشغيل ملف الفيديو {path}.</translation>
    </message>
    <message>
        <source>Camera {device} could not be opened. It may be unplugged, used by another program, or access to it was denied.</source>
        <translation>تعذّر فتح الكاميرا {device}. ربما تكون غير موصولة، أو يستخدمها برنامج آخر، أو رُفض الوصول إليها.</translation>
    </message>
</context>
<context>
    <name>CenterCommands</name>
    <message>
        <source>Flag the selected session for review (F)</source>
        <extracomment>The English tips (shown through the CenterCommands context&apos;s translation).</extracomment>
        <translation>ضع علامة على الجلسة المحددة للمراجعة (F)</translation>
    </message>
    <message>
        <source>Send the candidate a warning (W)</source>
        <translation>أرسل تحذيرًا إلى المترشح (W)</translation>
    </message>
    <message>
        <source>End the selected exam now (T)</source>
        <translation>أنهِ الامتحان المحدد الآن (T)</translation>
    </message>
    <message>
        <source>Pause the selected exam, or resume it when paused (P)</source>
        <translation>أوقف الامتحان المحدد مؤقتًا، أو استأنفه إذا كان متوقفًا (P)</translation>
    </message>
    <message>
        <source>Give the selected candidate more minutes</source>
        <translation>امنح المترشح المحدد دقائق إضافية</translation>
    </message>
    <message>
        <source>View details</source>
        <translation>عرض التفاصيل</translation>
    </message>
    <message>
        <source>Open the selected session (Enter or double-click)</source>
        <translation>افتح الجلسة المحددة (Enter أو نقر مزدوج)</translation>
    </message>
    <message>
        <source>Flag…</source>
        <translation>وضع علامة…</translation>
    </message>
    <message>
        <source>Warn…</source>
        <translation>تحذير…</translation>
    </message>
    <message>
        <source>Terminate…</source>
        <translation>إنهاء…</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>إيقاف مؤقت…</translation>
    </message>
    <message>
        <source>Add time…</source>
        <translation>إضافة وقت…</translation>
    </message>
    <message>
        <source>Pause every exam in the room…</source>
        <translation>أوقف كل امتحانات القاعة مؤقتًا…</translation>
    </message>
    <message>
        <source>Pause every running exam of the room the grid shows, with one reason</source>
        <translation>أوقف مؤقتًا كل امتحان جارٍ في القاعة المعروضة، بسبب واحد</translation>
    </message>
    <message>
        <source>Exams…</source>
        <translation>الامتحانات…</translation>
    </message>
    <message>
        <source>Create exams and see the list</source>
        <translation>أنشئ امتحانات واعرض قائمتها</translation>
    </message>
    <message>
        <source>Connect kiosks…</source>
        <translation>ربط الأجهزة…</translation>
    </message>
    <message>
        <source>The address, key and command line for a kiosk</source>
        <translation>العنوان والمفتاح وسطر الأوامر لجهاز امتحان</translation>
    </message>
    <message>
        <source>Proctors…</source>
        <translation>المراقبون…</translation>
    </message>
    <message>
        <source>Create and disable the accounts proctors sign in with</source>
        <translation>أنشئ حسابات المراقبين أو عطّلها</translation>
    </message>
    <message>
        <source>Webhooks…</source>
        <translation>خطافات الويب…</translation>
    </message>
    <message>
        <source>The exam system&apos;s addresses that hear what happens: add, test, remove</source>
        <translation>عناوين نظام الامتحانات التي تُبلَّغ بما يحدث: إضافة، تجربة، إزالة</translation>
    </message>
    <message>
        <source>Connect to an exam center&apos;s server…</source>
        <translation>الاتصال بخادم مركز امتحان…</translation>
    </message>
    <message>
        <source>Watch the sessions of a center whose server runs on another computer</source>
        <translation>تابع جلسات مركز يعمل خادمه على حاسوب آخر</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Read every session again</source>
        <translation>اقرأ كل الجلسات من جديد</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>إنهاء البرنامج</translation>
    </message>
    <message>
        <source>Show sample sessions until the first exam runs</source>
        <translation>اعرض جلسات نموذجية حتى يبدأ أول امتحان</translation>
    </message>
    <message>
        <source>Active sessions</source>
        <translation>الجلسات الجارية</translation>
    </message>
    <message>
        <source>Ended sessions</source>
        <translation>الجلسات المنتهية</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Proctor at this desk…</source>
        <translation>المراقب على هذا المكتب…</translation>
    </message>
    <message>
        <source>The name your flags, warnings and terminations are recorded under</source>
        <translation>الاسم الذي تُسجَّل به علاماتك وتحذيراتك وإنهاءاتك</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>الترتيب حسب</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;جلسة</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>الإجراءات</translation>
    </message>
    <message>
        <source>Connect kiosks needs the administrator&apos;s key: sign in to the center with it (PROCTOR_ADMIN_KEY), or ask the administrator for an enrolment file or code.</source>
        <translation>يحتاج ربط أجهزة الامتحان إلى مفتاح المسؤول: سجّل الدخول إلى المركز به (PROCTOR_ADMIN_KEY)، أو اطلب من المسؤول ملف تسجيل أو رمزًا.</translation>
    </message>
</context>
<context>
    <name>CenterConnection</name>
    <message>
        <source>The center at {address} uses its own certificate, and this computer has no fingerprint for it. Enrol it with the enrolment file or code from the proctor (or give --fingerprint sha256:… as printed by the server).</source>
        <translation>يستخدم مركز الامتحان على {address} شهادته الخاصة، وليست لدى هذا الحاسوب بصمتها. سجّله بملف التسجيل أو الرمز الذي يعطيه المراقب (أو استخدم الخيار ‎--fingerprint sha256:…‎ كما يطبعه الخادم).</translation>
    </message>
    <message>
        <source>The center at {address} serves HTTPS only: use {https} with the center&apos;s fingerprint (the console&apos;s Connect kiosks shows it).</source>
        <translation>يخدم مركز الامتحان على {address} عبر HTTPS فقط: استخدم {https} مع بصمة المركز (تعرضها نافذة ربط الأجهزة في وحدة المراقبة).</translation>
    </message>
</context>
<context>
    <name>CenterHeader</name>
    <message>
        <source>%Ln active</source>
        <extracomment>The counters of each view, left to right: (filter, the SessionCounts field it shows, words, tone when non-zero). The first counts everything and clears the counter filter.</extracomment>
        <translation>%Ln جارية</translation>
    </message>
    <message>
        <source>%Ln flagged</source>
        <translation>%Ln عليها علامة</translation>
    </message>
    <message>
        <source>%Ln high risk</source>
        <translation>%Ln عالية الخطورة</translation>
    </message>
    <message>
        <source>%Ln kiosk(s) offline</source>
        <translation>%Ln أجهزة غير متصلة</translation>
    </message>
    <message>
        <source>%Ln ended</source>
        <translation>%Ln منتهية</translation>
    </message>
    <message>
        <source>%Ln terminated</source>
        <translation>%Ln مُنهاة</translation>
    </message>
    <message>
        <source>Proctor Center</source>
        <extracomment>The narrowest the search box and the exam box become, so the whole filter row fits an 800 px wide window (wider windows give the search box the room). A counter was clicked: show only what it counts (CountFilter.ALL: everything).</extracomment>
        <translation>مركز المراقبة</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>جارية</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>منتهية</translation>
    </message>
    <message>
        <source>Active sessions (Ctrl+1)</source>
        <translation>الجلسات الجارية (Ctrl+1)</translation>
    </message>
    <message>
        <source>Submitted, timed-out and terminated sessions (Ctrl+2)</source>
        <translation>الجلسات المسلّمة والمنتهية الوقت والمُنهاة (Ctrl+2)</translation>
    </message>
    <message>
        <source>Search by name, candidate ID, seat or exam (Esc clears)</source>
        <translation>ابحث بالاسم أو رقم المترشح أو المقعد أو الامتحان (Esc للمسح)</translation>
    </message>
    <message>
        <source>All exams</source>
        <translation>كل الامتحانات</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>Watch one exam room: the grid and the alerts follow it</source>
        <translation>تابع قاعة امتحان واحدة: الشبكة والتنبيهات تتبعها</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>كل القاعات</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>الترتيب</translation>
    </message>
    <message>
        <source>Show every session</source>
        <translation>اعرض كل الجلسات</translation>
    </message>
    <message>
        <source>Click again to show every session</source>
        <translation>انقر مرة أخرى لعرض كل الجلسات</translation>
    </message>
    <message>
        <source>Show only these ({what})</source>
        <translation>اعرض هذه فقط ({what})</translation>
    </message>
</context>
<context>
    <name>CenterMessages</name>
    <message>
        <source>A valid secret is required: send &apos;Authorization: Bearer &lt;key or token&gt;&apos;.</source>
        <extracomment>The languages the programs&apos; words are written in, by code, in their own words. The language of the words in the source code. ``--language system`` (the default): the system&apos;s language when we have it, else English. Our catalogue&apos;s file name: ``proctor_&lt;code&gt;.qm``. QLocale() as it was before the first install_language (restored by remove_language). ``translate(&quot;Context&quot;, &quot;Sentence&quot;)``: Qt&apos;s translation where there is no ``self.tr`` (module functions); lupdate reads calls by this name. Qt&apos;s translation context of the center&apos;s sentences.</extracomment>
        <translation>يلزم سرّ صالح: أرسل &apos;Authorization: Bearer &lt;key or token&gt;&apos;.</translation>
    </message>
    <message>
        <source>No exam has the id &apos;{exam_id}&apos;.</source>
        <translation>لا يوجد اختبار بالمعرّف &apos;{exam_id}&apos;.</translation>
    </message>
    <message>
        <source>“{title}” is archived, so no new attempt can start; ask the proctor to restore it or choose another exam.</source>
        <translation>«{title}» مؤرشف، فلا يمكن بدء محاولة جديدة؛ اطلب من المراقب استعادته أو اختر اختبارًا آخر.</translation>
    </message>
    <message>
        <source>The candidate ID must be 1 to 100 characters.</source>
        <translation>يجب أن يكون رقم المرشّح من ١ إلى ١٠٠ حرف.</translation>
    </message>
    <message>
        <source>The candidate name must be 1 to 200 characters.</source>
        <translation>يجب أن يكون اسم المرشّح من ١ إلى ٢٠٠ حرف.</translation>
    </message>
    <message>
        <source>This enrolment code is not known. Check the code shown in the console and type it again.</source>
        <translation>رمز التسجيل هذا غير معروف. تحقّق من الرمز المعروض في وحدة التحكم واكتبه مرة أخرى.</translation>
    </message>
    <message>
        <source>This enrolment code was already used. Ask the proctor for a new code.</source>
        <translation>استُخدم رمز التسجيل هذا من قبل. اطلب من المراقب رمزًا جديدًا.</translation>
    </message>
    <message>
        <source>This enrolment code has expired (codes work for {minutes} minutes). Ask the proctor for a new code.</source>
        <translation>انتهت صلاحية رمز التسجيل هذا (تعمل الرموز {minutes} دقائق). اطلب من المراقب رمزًا جديدًا.</translation>
    </message>
    <message>
        <source>Too many wrong enrolment codes from this computer; wait {seconds} seconds and type the code again.</source>
        <translation>رموز تسجيل خاطئة كثيرة من هذا الحاسوب؛ انتظر {seconds} ثانية ثم اكتب الرمز مرة أخرى.</translation>
    </message>
    <message>
        <source>No attempt has the id &apos;{attempt_id}&apos;.</source>
        <translation>لا توجد محاولة بالمعرّف &apos;{attempt_id}&apos;.</translation>
    </message>
    <message>
        <source>This attempt has already ended ({status}); nothing was changed.</source>
        <translation>انتهت هذه المحاولة بالفعل ({status})؛ لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>This attempt has already ended ({status}) at {at}; nothing was changed.</source>
        <translation>انتهت هذه المحاولة بالفعل ({status}) عند {at}؛ لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>Proctoring is off for this exam, so it takes no snapshots or events.</source>
        <translation>المراقبة متوقفة لهذا الاختبار، فلا يأخذ لقطات ولا أحداثًا.</translation>
    </message>
    <message>
        <source>Submit was pressed at {pressed_at}, after the time ran out at {deadline_at}; the attempt stays expired.</source>
        <translation>ضُغط زر التسليم عند {pressed_at}، بعد انتهاء الوقت عند {deadline_at}؛ تبقى المحاولة منتهية الوقت.</translation>
    </message>
    <message>
        <source>Submit was pressed at {pressed_at}, before the kiosk&apos;s last contact with the center at {last_contact_at}, so the hand-in was not cut off by the network; the attempt stays expired.</source>
        <translation>ضُغط زر التسليم عند {pressed_at}، قبل آخر اتصال للجهاز بالمركز عند {last_contact_at}، فلم تقطع الشبكةُ التسليم؛ تبقى المحاولة منتهية الوقت.</translation>
    </message>
    <message>
        <source>No warning &apos;{warning_id}&apos; was sent to this attempt.</source>
        <translation>لم يُرسل التنبيه &apos;{warning_id}&apos; إلى هذه المحاولة.</translation>
    </message>
    <message>
        <source>The media storage is full, so nothing was stored; the upload may be retried once space is freed.</source>
        <translation>مساحة تخزين الوسائط ممتلئة، فلم يُحفظ شيء؛ يمكن إعادة الرفع بعد تحرير مساحة.</translation>
    </message>
    <message>
        <source>The database storage is full, so nothing was stored; the request may be retried once space is freed.</source>
        <translation>مساحة قاعدة البيانات ممتلئة، فلم يُحفظ شيء؛ يمكن إعادة الطلب بعد تحرير مساحة.</translation>
    </message>
    <message>
        <source>The exam center&apos;s database is not answering right now, so the request was not carried out; try again in a few seconds.</source>
        <translation>قاعدة بيانات مركز الاختبار لا تستجيب الآن، فلم يُنفَّذ الطلب؛ حاول مرة أخرى بعد ثوانٍ.</translation>
    </message>
    <message>
        <source>Something went wrong on the server; the error was logged.</source>
        <translation>حدث خطأ في الخادم؛ سُجّل الخطأ.</translation>
    </message>
    <message>
        <source>No proctor session has the id &apos;{session_id}&apos;.</source>
        <translation>لا توجد جلسة مراقبة بالمعرّف &apos;{session_id}&apos;.</translation>
    </message>
    <message>
        <source>This proctor session has already ended ({status}); nothing was changed.</source>
        <translation>انتهت جلسة المراقبة هذه بالفعل ({status})؛ لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>This proctor session has already ended ({status}) at {at}; nothing was changed.</source>
        <translation>انتهت جلسة المراقبة هذه بالفعل ({status}) عند {at}؛ لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>Already terminated by {actor} at {at}.</source>
        <translation>أنهاها {actor} بالفعل عند {at}.</translation>
    </message>
    <message>
        <source>Already terminated by a proctor at {at}.</source>
        <translation>أنهاها مراقب بالفعل عند {at}.</translation>
    </message>
    <message>
        <source>Sample sessions are for display only; start a real exam attempt to act on a session.</source>
        <translation>الجلسات النموذجية للعرض فقط؛ ابدأ محاولة اختبار حقيقية لتتصرف في جلسة.</translation>
    </message>
    <message>
        <source>This session is already paused (since {since}); resume it first. Nothing was changed.</source>
        <translation>هذه الجلسة متوقفة مؤقتًا بالفعل (منذ {since})؛ استأنفها أولًا. لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>This session is not paused, so there is nothing to resume; nothing was changed.</source>
        <translation>هذه الجلسة ليست متوقفة مؤقتًا، فلا شيء يُستأنف؛ لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>A session is reviewed after it ends; this one is still active.</source>
        <translation>تُراجَع الجلسة بعد انتهائها؛ وهذه ما زالت نشطة.</translation>
    </message>
    <message>
        <source>The username &apos;{username}&apos; is taken; choose another.</source>
        <translation>اسم المستخدم &apos;{username}&apos; مأخوذ؛ اختر غيره.</translation>
    </message>
    <message>
        <source>Extra time must be 1 to {max_minutes} whole minutes.</source>
        <translation>يجب أن يكون الوقت الإضافي من ١ إلى {max_minutes} دقيقة كاملة.</translation>
    </message>
    <message>
        <source>The username or password is wrong.</source>
        <translation>اسم المستخدم أو كلمة المرور غير صحيحة.</translation>
    </message>
    <message>
        <source>This proctor account is disabled; ask an administrator.</source>
        <translation>حساب المراقب هذا معطَّل؛ اسأل المسؤول.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this username from this computer; try again in {minutes} minutes.</source>
        <translation>محاولات دخول فاشلة كثيرة لاسم المستخدم هذا من هذا الحاسوب؛ حاول مرة أخرى بعد {minutes} دقائق.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this username from this computer; try again in 1 minute.</source>
        <translation>محاولات دخول فاشلة كثيرة لاسم المستخدم هذا من هذا الحاسوب؛ حاول مرة أخرى بعد دقيقة.</translation>
    </message>
    <message>
        <source>Too many sign-ins from this computer in the last minute; try again in {seconds} seconds.</source>
        <translation>محاولات دخول كثيرة من هذا الحاسوب في الدقيقة الأخيرة؛ حاول مرة أخرى بعد {seconds} ثوانٍ.</translation>
    </message>
    <message>
        <source>Too many sign-ins from this computer in the last minute; try again in 1 second.</source>
        <translation>محاولات دخول كثيرة من هذا الحاسوب في الدقيقة الأخيرة؛ حاول مرة أخرى بعد ثانية.</translation>
    </message>
    <message>
        <source>The proctor account of {name} was disabled by an administrator, so this sign-in has ended. Sign in with another account, or ask the center&apos;s administrator.</source>
        <translation>عطَّل المسؤول حساب المراقب {name}، فانتهى هذا الدخول. ادخل بحساب آخر، أو اسأل مسؤول المركز.</translation>
    </message>
    <message>
        <source>This sign-in was signed out (on this console or another), so the center no longer accepts it. Sign in again.</source>
        <translation>سُجِّل الخروج من هذا الدخول (على هذه اللوحة أو غيرها)، فلم يعد المركز يقبله. ادخل مرة أخرى.</translation>
    </message>
    <message>
        <source>This sign-in expired at {at} (a sign-in lasts {hours} hours). Sign in again.</source>
        <translation>انتهت صلاحية هذا الدخول عند {at} (يدوم الدخول {hours} ساعة). ادخل مرة أخرى.</translation>
    </message>
    <message>
        <source>This secret is not allowed to use proctor or administrator functions.</source>
        <translation>لا يُسمح لهذا السرّ باستخدام وظائف المراقب أو المسؤول.</translation>
    </message>
    <message>
        <source>This secret is not allowed to list exams or start attempts.</source>
        <translation>لا يُسمح لهذا السرّ بعرض الاختبارات أو بدء المحاولات.</translation>
    </message>
    <message>
        <source>This secret is not allowed to act on this attempt.</source>
        <translation>لا يُسمح لهذا السرّ بالتصرّف في هذه المحاولة.</translation>
    </message>
    <message>
        <source>This secret is not allowed to submit this attempt.</source>
        <translation>لا يُسمح لهذا السرّ بتسليم هذه المحاولة.</translation>
    </message>
    <message>
        <source>This secret is not allowed to force-end attempts.</source>
        <translation>لا يُسمح لهذا السرّ بإنهاء المحاولات قسرًا.</translation>
    </message>
    <message>
        <source>This secret is not allowed to read proctor sessions.</source>
        <translation>لا يُسمح لهذا السرّ بقراءة جلسات المراقبة.</translation>
    </message>
    <message>
        <source>This secret is not allowed to manage proctor accounts; only the admin key may.</source>
        <translation>لا يُسمح لهذا السرّ بإدارة حسابات المراقبين؛ مفتاح المسؤول وحده يملك ذلك.</translation>
    </message>
    <message>
        <source>This secret is not allowed to manage webhooks and integration keys; only the admin key may.</source>
        <translation>لا يُسمح لهذا السرّ بإدارة خطافات الويب ومفاتيح التكامل؛ مفتاح المسؤول وحده يملك ذلك.</translation>
    </message>
    <message>
        <source>This secret is not allowed to sign out: only a proctor token signs out.</source>
        <translation>لا يُسمح لهذا السرّ بتسجيل الخروج: رمز المراقب وحده يسجّل الخروج.</translation>
    </message>
    <message>
        <source>This secret is not allowed to list archived exams.</source>
        <translation>لا يُسمح لهذا السرّ بعرض الاختبارات المؤرشفة.</translation>
    </message>
    <message>
        <source>Letting a kiosk that is not ready start is a proctor&apos;s decision: a proctor signs in at the kiosk (or the administrator&apos;s key is used); the kiosk key alone cannot.</source>
        <translation>السماح لكشك غير جاهز بالبدء قرار المراقب: يدخل مراقب على الكشك (أو يُستخدم مفتاح المسؤول)؛ مفتاح الكشك وحده لا يكفي.</translation>
    </message>
    <message>
        <source>The request body is not valid JSON.</source>
        <translation>متن الطلب ليس JSON صالحًا.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; is required.</source>
        <translation>الحقل &apos;{field}&apos; مطلوب.</translation>
    </message>
    <message>
        <source>A body is required.</source>
        <translation>يلزم متن للطلب.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; needs at least {limit} characters.</source>
        <translation>يحتاج الحقل &apos;{field}&apos; إلى {limit} حرف على الأقل.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; can be at most {limit} characters.</source>
        <translation>لا يتجاوز الحقل &apos;{field}&apos; {limit} حرف.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; must be at least {limit}.</source>
        <translation>يجب ألا يقل الحقل &apos;{field}&apos; عن {limit}.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; must be at most {limit}.</source>
        <translation>يجب ألا يزيد الحقل &apos;{field}&apos; على {limit}.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; must be a whole number.</source>
        <translation>يجب أن يكون الحقل &apos;{field}&apos; عددًا صحيحًا.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; must be text.</source>
        <translation>يجب أن يكون الحقل &apos;{field}&apos; نصًّا.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; must be true or false.</source>
        <translation>يجب أن يكون الحقل &apos;{field}&apos; صحيحًا أو خطأً (true أو false).</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; is invalid: {reason}.</source>
        <translation>الحقل &apos;{field}&apos; غير صالح: {reason}.</translation>
    </message>
    <message>
        <source>The request body is invalid: {reason}.</source>
        <translation>متن الطلب غير صالح: {reason}.</translation>
    </message>
    <message>
        <source>The request is invalid.</source>
        <translation>الطلب غير صالح.</translation>
    </message>
    <message>
        <source>{field} must be an ISO 8601 time such as 2026-01-15T09:30:00Z.</source>
        <translation>يجب أن يكون {field} وقتًا بصيغة ISO 8601 مثل 2026-01-15T09:30:00Z.</translation>
    </message>
    <message>
        <source>A username is 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>اسم المستخدم من ١ إلى ٦٤ حرفًا أو رقمًا أو &apos;.&apos; أو &apos;_&apos; أو &apos;@&apos; أو &apos;-&apos;، يبدأ بحرف أو رقم.</translation>
    </message>
    <message>
        <source>A display name must be 1 to {limit} characters.</source>
        <translation>يجب أن يكون الاسم المعروض من ١ إلى {limit} حرف.</translation>
    </message>
    <message>
        <source>A display name cannot contain control characters.</source>
        <translation>لا يجوز أن يحتوي الاسم المعروض على محارف تحكّم.</translation>
    </message>
    <message>
        <source>A password needs at least {limit} characters.</source>
        <translation>تحتاج كلمة المرور إلى {limit} حرف على الأقل.</translation>
    </message>
    <message>
        <source>A password can be at most {limit} characters.</source>
        <translation>لا تتجاوز كلمة المرور {limit} حرف.</translation>
    </message>
    <message>
        <source>A seat can be at most {limit} characters.</source>
        <translation>لا يتجاوز المقعد {limit} حرف.</translation>
    </message>
    <message>
        <source>A seat cannot contain control characters.</source>
        <translation>لا يجوز أن يحتوي المقعد على محارف تحكّم.</translation>
    </message>
    <message>
        <source>A room can be at most {limit} characters.</source>
        <translation>لا تتجاوز القاعة {limit} حرف.</translation>
    </message>
    <message>
        <source>A room cannot contain control characters.</source>
        <translation>لا يجوز أن تحتوي القاعة على محارف تحكّم.</translation>
    </message>
    <message>
        <source>The image is empty.</source>
        <translation>الصورة فارغة.</translation>
    </message>
    <message>
        <source>The image is {size} bytes; at most {max_bytes} are accepted.</source>
        <translation>حجم الصورة {size} بايت؛ والمقبول {max_bytes} بايت على الأكثر.</translation>
    </message>
    <message>
        <source>Only JPEG and PNG images are accepted, and this file is neither.</source>
        <translation>لا تُقبل إلا صور JPEG وPNG، وهذا الملف ليس أيًّا منهما.</translation>
    </message>
    <message>
        <source>The file starts like a {kind} image but its header cannot be read.</source>
        <translation>يبدأ الملف كصورة {kind} لكن ترويستها لا تُقرأ.</translation>
    </message>
    <message>
        <source>The {kind} image cannot be read ({reason}).</source>
        <translation>تتعذّر قراءة صورة {kind} ({reason}).</translation>
    </message>
    <message>
        <source>The PNG image carries too much metadata in its text chunks (at most {limit} MB each); send the picture without it.</source>
        <translation>تحمل صورة PNG بيانات وصفية كثيرة في أجزائها النصية ({limit} ميغابايت لكل منها على الأكثر)؛ أرسل الصورة دونها.</translation>
    </message>
    <message>
        <source>The image is {width}x{height} pixels; at most {limit} pixels on a side are accepted.</source>
        <translation>أبعاد الصورة {width}×{height} بكسل؛ والمقبول {limit} بكسل على الأكثر لكل ضلع.</translation>
    </message>
    <message>
        <source>The image is too large; at most {limit} pixels on a side are accepted.</source>
        <translation>الصورة كبيرة جدًا؛ والمقبول {limit} بكسل على الأكثر لكل ضلع.</translation>
    </message>
    <message>
        <source>The {kind} image is damaged or incomplete and cannot be decoded ({reason}).</source>
        <translation>صورة {kind} تالفة أو ناقصة ولا يمكن فكّها ({reason}).</translation>
    </message>
    <message>
        <source>{count} candidates have already started “{title}”, so only its title can change now, not its {fields}; for that, create a new exam and archive this one.</source>
        <translation>بدأ {count} من المتقدمين «{title}» بالفعل، فلا يتغيّر الآن إلا عنوانه، لا {fields}؛ لذلك أنشئ اختبارًا جديدًا وأرشف هذا.</translation>
    </message>
    <message>
        <source>1 candidate has already started “{title}”, so only its title can change now, not its {fields}; for that, create a new exam and archive this one.</source>
        <translation>بدأ متقدّم واحد «{title}» بالفعل، فلا يتغيّر الآن إلا عنوانه، لا {fields}؛ لذلك أنشئ اختبارًا جديدًا وأرشف هذا.</translation>
    </message>
    <message>
        <source>An exam needs a title.</source>
        <translation>يحتاج الاختبار إلى عنوان.</translation>
    </message>
    <message>
        <source>An exam title can be at most {limit} characters.</source>
        <translation>لا يتجاوز عنوان الاختبار {limit} حرف.</translation>
    </message>
    <message>
        <source>An exam lasts between 1 second and 7 days.</source>
        <translation>تتراوح مدة الاختبار بين ثانية واحدة و٧ أيام.</translation>
    </message>
    <message>
        <source>The snapshot interval must be between {min_seconds} and {max_seconds} seconds.</source>
        <translation>يجب أن تكون الفترة بين اللقطات من {min_seconds} إلى {max_seconds} ثانية.</translation>
    </message>
    <message>
        <source>No proctor account has the id &apos;{proctor_id}&apos;.</source>
        <translation>لا يوجد حساب مراقب بالمعرّف &apos;{proctor_id}&apos;.</translation>
    </message>
    <message>
        <source>The webhook URL must be an http:// or https:// address with a host, such as https://exams.example.org/proctoring/hooks.</source>
        <translation>يجب أن يكون عنوان خطاف الويب عنوان http:// أو https:// فيه مضيف، مثل https://exams.example.org/proctoring/hooks.</translation>
    </message>
    <message>
        <source>The webhook URL can be at most {limit} characters.</source>
        <translation>لا يتجاوز عنوان خطاف الويب {limit} حرف.</translation>
    </message>
    <message>
        <source>A webhook needs at least one event type: choose from {types}.</source>
        <translation>يحتاج خطاف الويب إلى نوع حدث واحد على الأقل: اختر من {types}.</translation>
    </message>
    <message>
        <source>&apos;{event}&apos; is not a webhook event type; the types are {types}.</source>
        <translation>&apos;{event}&apos; ليس نوع حدث لخطاف ويب؛ الأنواع هي {types}.</translation>
    </message>
    <message>
        <source>The description can be at most {limit} characters.</source>
        <translation>لا يتجاوز الوصف {limit} حرف.</translation>
    </message>
    <message>
        <source>No webhook has the id &apos;{webhook_id}&apos;.</source>
        <translation>لا يوجد خطاف ويب بالمعرّف &apos;{webhook_id}&apos;.</translation>
    </message>
    <message>
        <source>This webhook has no delivery with the id &apos;{delivery_id}&apos;.</source>
        <translation>ليس لخطاف الويب هذا تسليم بالمعرّف &apos;{delivery_id}&apos;.</translation>
    </message>
    <message>
        <source>An integration key needs a name of 1 to {limit} characters, such as the exam system&apos;s.</source>
        <translation>يحتاج مفتاح التكامل إلى اسم من ١ إلى {limit} حرف، مثل اسم نظام الاختبارات.</translation>
    </message>
    <message>
        <source>No integration key has the id &apos;{key_id}&apos;.</source>
        <translation>لا يوجد مفتاح تكامل بالمعرّف &apos;{key_id}&apos;.</translation>
    </message>
    <message>
        <source>This launch is addressed to {target}, not to this tool&apos;s launch URL {launch_url}; the exam platform&apos;s administrator sets the link&apos;s target link URI to that launch URL.</source>
        <translation>هذا الإطلاق موجّه إلى {target}، لا إلى عنوان إطلاق هذه الأداة {launch_url}؛ يضبط مسؤول منصة الاختبارات عنوان الهدف للرابط على عنوان الإطلاق ذاك.</translation>
    </message>
    <message>
        <source>An LTI login needs iss, login_hint and target_link_uri from the exam platform; open the exam again from the platform.</source>
        <translation>يحتاج دخول LTI إلى iss وlogin_hint وtarget_link_uri من منصة الاختبارات؛ افتح الاختبار مرة أخرى من المنصة.</translation>
    </message>
    <message>
        <source>No platform with the issuer {issuer} is registered with this center; its administrator registers it first.</source>
        <translation>لا توجد منصة مسجّلة في هذا المركز بالمُصدِر {issuer}؛ يسجّلها مسؤوله أولًا.</translation>
    </message>
    <message>
        <source>No platform with the issuer {issuer} and the client id {client_id} is registered with this center; its administrator registers it first.</source>
        <translation>لا توجد منصة مسجّلة في هذا المركز بالمُصدِر {issuer} ومعرّف العميل {client_id}؛ يسجّلها مسؤوله أولًا.</translation>
    </message>
    <message>
        <source>Several clients of {issuer} are registered: the login must name its client_id.</source>
        <translation>عدة عملاء للمُصدِر {issuer} مسجّلون: يجب أن يذكر الدخول client_id الخاص به.</translation>
    </message>
    <message>
        <source>The deployment {deployment} of {issuer} is not registered with this center; its administrator registers that deployment first.</source>
        <translation>النشر {deployment} للمُصدِر {issuer} غير مسجّل في هذا المركز؛ يسجّل مسؤوله ذلك النشر أولًا.</translation>
    </message>
    <message>
        <source>A launch needs the platform&apos;s id_token and the login&apos;s state; open the exam again from the exam platform.</source>
        <translation>يحتاج الإطلاق إلى id_token من المنصة وحالة الدخول؛ افتح الاختبار مرة أخرى من منصة الاختبارات.</translation>
    </message>
    <message>
        <source>This launch did not begin in this browser: its login&apos;s state cookie is missing while the browser holds another login&apos;s; open the exam again from the exam platform.</source>
        <translation>لم يبدأ هذا الإطلاق في هذا المتصفح: ملف تعريف حالة دخوله مفقود بينما يحمل المتصفح حالة دخول آخر؛ افتح الاختبار مرة أخرى من منصة الاختبارات.</translation>
    </message>
    <message>
        <source>This launch&apos;s state is unknown or has expired; open the exam again from the exam platform.</source>
        <translation>حالة هذا الإطلاق غير معروفة أو انتهت صلاحيتها؛ افتح الاختبار مرة أخرى من منصة الاختبارات.</translation>
    </message>
    <message>
        <source>This launch was already used (its nonce was replayed); open the exam again from the exam platform.</source>
        <translation>استُخدم هذا الإطلاق من قبل (أُعيد إرسال رقمه الفريد)؛ افتح الاختبار مرة أخرى من منصة الاختبارات.</translation>
    </message>
    <message>
        <source>This tool speaks LTI {version}; the launch said {said}.</source>
        <translation>تتحدث هذه الأداة LTI {version}؛ وقال الإطلاق {said}.</translation>
    </message>
    <message>
        <source>The launch lacks its target_link_uri; the platform must send it (this tool&apos;s launch URL, {launch_url}).</source>
        <translation>ينقص الإطلاقَ target_link_uri؛ يجب أن ترسله المنصة (عنوان إطلاق هذه الأداة، {launch_url}).</translation>
    </message>
    <message>
        <source>This tool takes {start} and {end} launches, not {kind}.</source>
        <translation>تقبل هذه الأداة إطلاقات {start} و{end}، لا {kind}.</translation>
    </message>
    <message>
        <source>The id_token is signed with a key the platform does not publish at {jwks_url}.</source>
        <translation>وُقّع id_token بمفتاح لا تنشره المنصة في {jwks_url}.</translation>
    </message>
    <message>
        <source>The id_token&apos;s signature does not match the platform&apos;s keys at {jwks_url}; it was not signed by {issuer}.</source>
        <translation>توقيع id_token لا يطابق مفاتيح المنصة في {jwks_url}؛ لم يوقّعه {issuer}.</translation>
    </message>
    <message>
        <source>The id_token is not a JWT signed with RS256 that this tool can read.</source>
        <translation>ليس id_token رمز JWT موقّعًا بـ RS256 تستطيع هذه الأداة قراءته.</translation>
    </message>
    <message>
        <source>The id_token&apos;s issuer {issuer} is not the platform this login began with, nor registered.</source>
        <translation>مُصدِر id_token {issuer} ليس المنصة التي بدأ بها هذا الدخول، ولا هو مسجّل.</translation>
    </message>
    <message>
        <source>The id_token is meant for {audience}, not for this tool (client id {client_id}).</source>
        <translation>id_token موجّه إلى {audience}، لا إلى هذه الأداة (معرّف العميل {client_id}).</translation>
    </message>
    <message>
        <source>The id_token lacks its exp or iat time.</source>
        <translation>ينقص id_token وقتُ exp أو iat.</translation>
    </message>
    <message>
        <source>The id_token has expired; open the exam again from the exam platform (and check both clocks if it keeps happening).</source>
        <translation>انتهت صلاحية id_token؛ افتح الاختبار مرة أخرى من منصة الاختبارات (وافحص الساعتين إن تكرّر ذلك).</translation>
    </message>
    <message>
        <source>The id_token was issued in the future: the platform&apos;s clock and this center&apos;s differ; set both right.</source>
        <translation>صدر id_token في المستقبل: ساعة المنصة وساعة هذا المركز مختلفتان؛ اضبط كلتيهما.</translation>
    </message>
    <message>
        <source>The id_token&apos;s nonce is not the one this login gave (a replayed or foreign token); open the exam again from the exam platform.</source>
        <translation>الرقم الفريد في id_token ليس الذي أعطاه هذا الدخول (رمز مُعاد أو غريب)؛ افتح الاختبار مرة أخرى من منصة الاختبارات.</translation>
    </message>
    <message>
        <source>The id_token names no user (sub).</source>
        <translation>لا يذكر id_token أي مستخدم (sub).</translation>
    </message>
    <message>
        <source>The {kind} launch lacks {missing}; the platform must send them.</source>
        <translation>ينقص إطلاقَ {kind} ما يلي: {missing}؛ يجب أن ترسلها المنصة.</translation>
    </message>
    <message>
        <source>No exam is set for this link: give the link the custom parameter exam_id=&lt;the center&apos;s exam id&gt;, or register the platform with an exam_id.</source>
        <translation>لا اختبار محدّد لهذا الرابط: أعطِ الرابط المعامل المخصّص exam_id=&lt;معرّف الاختبار في المركز&gt;، أو سجّل المنصة مع exam_id.</translation>
    </message>
    <message>
        <source>No exam has the id &apos;{exam_id}&apos;. Set the link&apos;s custom exam_id to an exam of this center.</source>
        <translation>لا يوجد اختبار بالمعرّف &apos;{exam_id}&apos;. اضبط exam_id المخصّص للرابط على اختبار من هذا المركز.</translation>
    </message>
    <message>
        <source>No proctored attempt of this center matches this {kind} (resource link {link}, attempt {attempt}).</source>
        <translation>لا تطابق أي محاولة مراقَبة في هذا المركز هذا {kind} (رابط المورد {link}، المحاولة {attempt}).</translation>
    </message>
    <message>
        <source>A flag needs a reason.</source>
        <translation>تحتاج العلامة إلى سبب.</translation>
    </message>
    <message>
        <source>A warning needs a message.</source>
        <translation>يحتاج التحذير إلى رسالة.</translation>
    </message>
    <message>
        <source>Terminating needs a reason.</source>
        <translation>يحتاج الإنهاء إلى سبب.</translation>
    </message>
    <message>
        <source>A pause needs a reason; the candidate is shown it.</source>
        <translation>يحتاج الإيقاف المؤقت إلى سبب؛ يُعرض على المتقدّم.</translation>
    </message>
    <message>
        <source>Extra time needs a reason.</source>
        <translation>يحتاج الوقت الإضافي إلى سبب.</translation>
    </message>
    <message>
        <source>That text is too long: at most {limit} characters.</source>
        <translation>هذا النص طويل جدًا: {limit} حرف على الأكثر.</translation>
    </message>
    <message>
        <source>The reason can be at most {limit} characters.</source>
        <translation>لا يتجاوز السبب {limit} حرف.</translation>
    </message>
    <message>
        <source>The review outcome must be one of: {choices}.</source>
        <translation>يجب أن تكون نتيجة المراجعة واحدة من: {choices}.</translation>
    </message>
    <message>
        <source>This session has no such warning; nothing was changed.</source>
        <translation>ليس في هذه الجلسة تحذير كهذا؛ لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>extra_percent must be 0 to {limit}.</source>
        <translation>يجب أن تكون extra_percent من ٠ إلى {limit}.</translation>
    </message>
    <message>
        <source>extra_minutes must be 0 to {limit} (a day).</source>
        <translation>يجب أن تكون extra_minutes من ٠ إلى {limit} (يوم).</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; cannot be exempted; the event types that weigh on the risk are: {types}.</source>
        <translation>لا يمكن إعفاء &apos;{kind}&apos;؛ أنواع الأحداث التي تؤثّر في الخطر هي: {types}.</translation>
    </message>
    <message>
        <source>The note can be at most {limit} characters.</source>
        <translation>لا تتجاوز الملاحظة {limit} حرف.</translation>
    </message>
    <message>
        <source>Letting a kiosk through needs a reason of 1 to {limit} characters; it goes on the timeline.</source>
        <translation>يحتاج السماح بمرور الكشك إلى سبب من ١ إلى {limit} حرف؛ يُسجَّل في الخط الزمني.</translation>
    </message>
    <message>
        <source>At most {count} lines of what was not ready, each at most {limit} characters.</source>
        <translation>{count} أسطر على الأكثر عمّا لم يكن جاهزًا، كل منها {limit} حرف على الأكثر.</translation>
    </message>
    <message>
        <source>submitted</source>
        <extracomment>The statuses a sentence names, in the reader&apos;s words.</extracomment>
        <translation>مُسلَّمة</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>منتهية الوقت</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>مُنهاة</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>مكتملة</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>ملغاة</translation>
    </message>
    <message>
        <source>duration</source>
        <extracomment>An exam&apos;s fields a sentence names (``core.domain.messages.EXAM_FIELD_WORDS``), in the reader&apos;s words; the parameter ``fields`` holds their names, comma-separated.</extracomment>
        <translation>مدته</translation>
    </message>
    <message>
        <source>proctoring</source>
        <translation>مراقبته</translation>
    </message>
    <message>
        <source>snapshot interval</source>
        <translation>الفترة بين لقطاته</translation>
    </message>
    <message>
        <source>{some} or {last}</source>
        <translation>{some} أو {last}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>in less than a minute</source>
        <translation>خلال أقل من دقيقة</translation>
    </message>
    <message>
        <source>in %n minute(s)</source>
        <translation>خلال %n دقيقة</translation>
    </message>
    <message>
        <source>Connect kiosks</source>
        <extracomment>U+2060 WORD JOINER: no line break on either side, drawn as nothing.</extracomment>
        <translation>توصيل الأكشاك</translation>
    </message>
    <message>
        <source>Listen on the center&apos;s network</source>
        <translation>الاستماع على شبكة المركز</translation>
    </message>
    <message>
        <source>Address for kiosks</source>
        <translation>العنوان للأكشاك</translation>
    </message>
    <message>
        <source>This computer has several network addresses: choose the one on the kiosks&apos; network.</source>
        <translation>لهذا الحاسوب عدة عناوين شبكة: اختر العنوان الذي على شبكة الأكشاك.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Kiosk key</source>
        <translation>مفتاح الكشك</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>البصمة</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>سطر الأوامر</translation>
    </message>
    <message>
        <source>Set up a kiosk</source>
        <translation>إعداد كشك</translation>
    </message>
    <message>
        <source>Export enrolment file…</source>
        <translation>تصدير ملف التسجيل…</translation>
    </message>
    <message>
        <source>Make a one-time code</source>
        <translation>إنشاء رمز لمرة واحدة</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Fingerprint starts with</source>
        <translation>تبدأ البصمة بـ</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>رمز لمرة واحدة</translation>
    </message>
    <message>
        <source>First digits of the fingerprint</source>
        <translation>الأرقام الأولى من البصمة</translation>
    </message>
    <message>
        <source>The API server is not running, so kiosks cannot connect yet. {problem} Use Retry or “Use a free port” in the status bar.</source>
        <translation>خادم API لا يعمل، لذا لا تستطيع الأكشاك الاتصال بعد. {problem} استخدم «إعادة المحاولة» أو «استخدام منفذ متاح» في شريط الحالة.</translation>
    </message>
    <message>
        <source>Set up each kiosk once, with an enrolment file or a one-time code. The kiosk then talks only to this console, over HTTPS, and checks its fingerprint.</source>
        <translation>أعدّ كل كشك مرة واحدة، بملف تسجيل أو برمز لمرة واحدة. يتحدث الكشك بعدها مع هذه الوحدة فقط، عبر HTTPS، ويتحقق من بصمتها.</translation>
    </message>
    <message>
        <source>Type these into each kiosk&apos;s start screen, or start the kiosk with the command line. Keep the kiosk key private: anyone with it can start attempts.</source>
        <translation>اكتب هذه في شاشة بدء كل كشك، أو شغّل الكشك بسطر الأوامر. احتفظ بمفتاح الكشك سرًّا: من يملكه يستطيع بدء محاولات.</translation>
    </message>
    <message>
        <source>On: kiosks on other computers connect over HTTPS. Off: only this computer.</source>
        <translation>مفعّل: تتصل الأكشاك على حواسيب أخرى عبر HTTPS. معطّل: هذا الحاسوب فقط.</translation>
    </message>
    <message>
        <source>Kiosks on the center&apos;s network connect over {scheme} to this address:</source>
        <translation>تتصل الأكشاك على شبكة المركز عبر {scheme} بهذا العنوان:</translation>
    </message>
    <message>
        <source>Kiosks on the center&apos;s network connect over {scheme} to one of these addresses (the one on the kiosks&apos; network):</source>
        <translation>تتصل الأكشاك على شبكة المركز عبر {scheme} بأحد هذه العناوين (الذي على شبكة الأكشاك):</translation>
    </message>
    <message>
        <source>This computer has no network address yet: connect it to the center&apos;s network, then open this window again.</source>
        <translation>ليس لهذا الحاسوب عنوان شبكة بعد: صِله بشبكة المركز، ثم افتح هذه النافذة مرة أخرى.</translation>
    </message>
    <message>
        <source>If a kiosk cannot connect, allow incoming TCP connections on port {port} in this computer&apos;s firewall. Turning this off disconnects kiosks on other computers.</source>
        <translation>إذا تعذّر على كشك الاتصال، فاسمح باتصالات TCP الواردة على المنفذ {port} في جدار حماية هذا الحاسوب. إيقاف هذا يقطع اتصال الأكشاك على الحواسيب الأخرى.</translation>
    </message>
    <message>
        <source>Only kiosks on this computer can connect now ({address}). Turn this on to set up kiosks on other computers; the console then serves HTTPS.</source>
        <translation>لا يمكن الآن إلا للأكشاك على هذا الحاسوب الاتصال ({address}). فعّل هذا لإعداد أكشاك على حواسيب أخرى؛ وتخدم الوحدة عندها عبر HTTPS.</translation>
    </message>
    <message>
        <source>(not running)</source>
        <translation>(لا يعمل)</translation>
    </message>
    <message>
        <source>This center&apos;s identity (SHA-256). Kiosks check it before they send anything.</source>
        <translation>هوية هذا المركز (SHA-256). تتحقق منها الأكشاك قبل أن ترسل أي شيء.</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(لا شيء بعد)</translation>
    </message>
    <message>
        <source>The center&apos;s certificate is made the first time the console listens on the center&apos;s network.</source>
        <translation>تُنشأ شهادة المركز في أول مرة تستمع فيها الوحدة على شبكة المركز.</translation>
    </message>
    <message>
        <source>Start the API server first (Retry in the status bar).</source>
        <translation>شغّل خادم API أولًا («إعادة المحاولة» في شريط الحالة).</translation>
    </message>
    <message>
        <source>The file holds the address, kiosk key and fingerprint: start the kiosk with proctor-candidate --enrol FILE. A code is typed on the kiosk instead.</source>
        <translation>يحوي الملف العنوان ومفتاح الكشك والبصمة: شغّل الكشك بالأمر proctor-candidate --enrol FILE. أما الرمز فيُكتب على الكشك بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>The file works for a kiosk on this computer. One-time codes need the center&apos;s network: kiosks check the fingerprint over HTTPS.</source>
        <translation>يصلح الملف لكشك على هذا الحاسوب. تحتاج الرموز لمرة واحدة إلى شبكة المركز: تتحقق الأكشاك من البصمة عبر HTTPS.</translation>
    </message>
    <message>
        <source>This code expired at {time}. Make a new one for the next kiosk.</source>
        <translation>انتهت صلاحية هذا الرمز في {time}. أنشئ رمزًا جديدًا للكشك التالي.</translation>
    </message>
    <message>
        <source>On the kiosk, choose to enrol with a code and type this console&apos;s address, the code and these {count} digits. The code works once and expires {left} (at {time}).</source>
        <translation>على الكشك، اختر التسجيل برمز واكتب عنوان هذه الوحدة والرمز وهذه الأرقام الـ{count}. يصلح الرمز مرة واحدة وتنتهي صلاحيته {left} (في {time}).</translation>
    </message>
    <message>
        <source>Export enrolment file</source>
        <translation>تصدير ملف التسجيل</translation>
    </message>
    <message>
        <source>Enrolment files (*.json);;All files (*)</source>
        <translation>ملفات التسجيل (*.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>The enrolment file could not be saved as {path} ({error}). Choose another folder, a USB stick say, and export again.</source>
        <translation>تعذّر حفظ ملف التسجيل باسم {path} ({error}). اختر مجلدًا آخر، كذاكرة USB مثلًا، وصدّر مرة أخرى.</translation>
    </message>
    <message>
        <source>for kiosks on the center&apos;s network</source>
        <translation>للأكشاك على شبكة المركز</translation>
    </message>
    <message>
        <source>for a kiosk on this computer only</source>
        <translation>لكشك على هذا الحاسوب فقط</translation>
    </message>
    <message>
        <source>Saved {path} ({where}; only you can read it). It holds the kiosk key: delete it from the USB stick once the kiosk is enrolled.</source>
        <translation>حُفظ {path} ({where}؛ لا يقرؤه غيرك). يحوي مفتاح الكشك: احذفه من ذاكرة USB بعد تسجيل الكشك.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Copy {what}</source>
        <translation>نسخ {what}</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>نُسخ</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>{since}; flagging, warning and terminating are off.</source>
        <extracomment>The center answers but refuses this console (sign-in expired, identity, HTTPS only): the person chose &quot;Sign in again…&quot;.</extracomment>
        <translation>{since}؛ وضع العلامات والتحذير والإنهاء متوقفة.</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>سجّل الدخول مرة أخرى…</translation>
    </message>
    <message>
        <source>The exam center&apos;s server at {where} cannot be reached. {since}; flagging, warning and terminating are off until it is back. The console keeps trying and catches up by itself, with nothing missed.</source>
        <translation>تعذّر الوصول إلى خادم مركز الامتحان على {where}. {since}؛ وضع العلامات والتحذير والإنهاء متوقفة حتى يعود. تواصل وحدة التحكم المحاولة وتلحق بما فاتها بنفسها دون أن يضيع شيء.</translation>
    </message>
    <message>
        <source>{since}; flagging, warning and terminating are off until someone signs in.</source>
        <translation>{since}؛ وضع العلامات والتحذير والإنهاء متوقفة حتى يسجّل أحد الدخول.</translation>
    </message>
    <message>
        <source>The sessions below may be out of date</source>
        <translation>قد تكون الجلسات أدناه غير محدّثة</translation>
    </message>
    <message>
        <source>The sessions below are as they were at {time}</source>
        <translation>الجلسات أدناه كما كانت الساعة {time}</translation>
    </message>
</context>
<context>
    <name>EmbeddedCenter</name>
    <message>
        <source>this computer</source>
        <translation>هذا الحاسوب</translation>
    </message>
</context>
<context>
    <name>EndPage</name>
    <message>
        <source>Close this window</source>
        <translation>أغلق هذه النافذة</translation>
    </message>
</context>
<context>
    <name>EnrolCodeDialog</name>
    <message>
        <source>Enter enrolment code</source>
        <translation>أدخل رمز التسجيل</translation>
    </message>
    <message>
        <source>Enrol this kiosk with a code</source>
        <translation>سجّل هذا الجهاز برمز</translation>
    </message>
    <message>
        <source>The proctor&apos;s screen shows a code such as K7QM-4XPD and the first digits of the center&apos;s fingerprint. Type both exactly as shown.</source>
        <translation>تعرض شاشة المراقب رمزًا مثل K7QM-4XPD والأرقام الأولى من بصمة المركز. اكتبهما تمامًا كما يظهران.</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>سجّل</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Center address</source>
        <translation>عنوان المركز</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>رمز التسجيل</translation>
    </message>
    <message>
        <source>Fingerprint digits</source>
        <translation>أرقام البصمة</translation>
    </message>
    <message>
        <source>Checking the center…</source>
        <translation>جارٍ التحقق من المركز…</translation>
    </message>
    <message>
        <source>Checking the center&apos;s identity, then sending the code…</source>
        <translation>جارٍ التحقق من هوية المركز، ثم إرسال الرمز…</translation>
    </message>
</context>
<context>
    <name>EventMessages</name>
    <message>
        <source>{name} started {exam}</source>
        <extracomment>Qt&apos;s translation context of the event sentences.</extracomment>
        <translation>بدأ {name} الاختبار {exam}</translation>
    </message>
    <message>
        <source>Submitted by the candidate</source>
        <translation>سلّمه المرشح</translation>
    </message>
    <message>
        <source>Time ran out</source>
        <translation>انتهى الوقت</translation>
    </message>
    <message>
        <source>Terminated by a proctor</source>
        <translation>أنهاه مراقب</translation>
    </message>
    <message>
        <source>Force-ended by an administrator</source>
        <translation>أنهاه المسؤول قسرًا</translation>
    </message>
    <message>
        <source>Closed by the sweeper ({status})</source>
        <translation>أغلقته المراجعة الدورية ({status})</translation>
    </message>
    <message>
        <source>Paused for {paused_seconds}; the time was given back</source>
        <translation>أُوقف مؤقتًا لمدة {paused_seconds}؛ وأُعيد الوقت</translation>
    </message>
    <message>
        <source>+{minutes} min: {reason}</source>
        <translation>+{minutes} د: {reason}</translation>
    </message>
    <message>
        <source>Handed in at {pressed_at}, arrived at {arrived_at} (the kiosk could not reach the center)</source>
        <translation>سُلّم عند {pressed_at}، ووصل عند {arrived_at} (لم يتمكن الكشك من الوصول إلى المركز)</translation>
    </message>
    <message>
        <source>A snapshot taken at {captured_at} arrived: the camera works again</source>
        <translation>وصلت لقطة التُقطت عند {captured_at}: الكاميرا تعمل من جديد</translation>
    </message>
    <message>
        <source>{outcome}</source>
        <translation>{outcome}</translation>
    </message>
    <message>
        <source>{outcome} — {note}</source>
        <translation>{outcome} — {note}</translation>
    </message>
    <message>
        <source>{reason} — not ready: {not_ready}</source>
        <translation>{reason} — غير جاهز: {not_ready}</translation>
    </message>
    <message>
        <source>{count} snapshots deleted after {days} days</source>
        <translation>حُذفت {count} لقطة بعد {days} يومًا</translation>
    </message>
    <message>
        <source>No face in view</source>
        <translation>لا وجه في الصورة</translation>
    </message>
    <message>
        <source>{faces} faces in view</source>
        <translation>{faces} وجوه في الصورة</translation>
    </message>
    <message>
        <source>Picture too dark to see the candidate</source>
        <translation>الصورة معتمة جدًا لرؤية المرشح</translation>
    </message>
    <message>
        <source>Camera covered or blocked</source>
        <translation>الكاميرا مغطاة أو محجوبة</translation>
    </message>
    <message>
        <source>Picture frozen: the same image as the previous snapshot</source>
        <translation>الصورة متجمدة: الصورة نفسها كاللقطة السابقة</translation>
    </message>
    <message>
        <source>Head turned away from the screen</source>
        <translation>الرأس ملتفت بعيدًا عن الشاشة</translation>
    </message>
    <message>
        <source>No face in view (again; the previous time lasted about {previous_seconds})</source>
        <translation>لا وجه في الصورة (مرة أخرى؛ دامت المرة السابقة نحو {previous_seconds})</translation>
    </message>
    <message>
        <source>{faces} faces in view (again; the previous time lasted about {previous_seconds})</source>
        <translation>{faces} وجوه في الصورة (مرة أخرى؛ دامت المرة السابقة نحو {previous_seconds})</translation>
    </message>
    <message>
        <source>Picture too dark to see the candidate (again; the previous time lasted about {previous_seconds})</source>
        <translation>الصورة معتمة جدًا لرؤية المرشح (مرة أخرى؛ دامت المرة السابقة نحو {previous_seconds})</translation>
    </message>
    <message>
        <source>Camera covered or blocked (again; the previous time lasted about {previous_seconds})</source>
        <translation>الكاميرا مغطاة أو محجوبة (مرة أخرى؛ دامت المرة السابقة نحو {previous_seconds})</translation>
    </message>
    <message>
        <source>Picture frozen: the same image as the previous snapshot (again; the previous time lasted about {previous_seconds})</source>
        <translation>الصورة متجمدة: الصورة نفسها كاللقطة السابقة (مرة أخرى؛ دامت المرة السابقة نحو {previous_seconds})</translation>
    </message>
    <message>
        <source>Head turned away from the screen (again; the previous time lasted about {previous_seconds})</source>
        <translation>الرأس ملتفت بعيدًا عن الشاشة (مرة أخرى؛ دامت المرة السابقة نحو {previous_seconds})</translation>
    </message>
    <message>
        <source>{accommodation}</source>
        <translation>{accommodation}</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <extracomment>Parameters holding a number (``core.domain.event_details.EVENT_NUMERIC_PARAMS``).</extracomment>
        <translation>بدأ {name} الاختبار {exam}</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} س</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} د {seconds} ث</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} د</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} ث</translation>
    </message>
</context>
<context>
    <name>EvidenceExport</name>
    <message>
        <source>The folder {folder} does not exist.</source>
        <extracomment>The bundle&apos;s signature record, which names the center&apos;s evidence key.</extracomment>
        <translation>المجلد {folder} غير موجود.</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>تصدير التقرير</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>مستندات PDF ‏(*.pdf)</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>جارٍ تحضير التقرير…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Adding snapshot {done} of {total}…</source>
        <translation>إضافة اللقطة {done} من {total}…</translation>
    </message>
    <message>
        <source>Writing the timeline…</source>
        <translation>كتابة الخط الزمني…</translation>
    </message>
    <message>
        <source>Export evidence bundle</source>
        <translation>تصدير حزمة الأدلة</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>أرشيفات Zip ‏(*.zip)</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>حفظ الصورة</translation>
    </message>
    <message>
        <source>JPEG images (*.jpg *.jpeg)</source>
        <translation>صور JPEG ‏(*.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Choose another folder (one you may write to, with free space) and try again.</source>
        <translation>اختر مجلدًا آخر (يمكنك الكتابة فيه، وفيه مساحة فارغة) وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Nothing was saved; try again, or export the PDF report instead.</source>
        <translation>لم يُحفظ شيء؛ حاول مرة أخرى، أو صدّر تقرير PDF بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>The evidence bundle could not be saved to {path}: {error}.</source>
        <translation>تعذّر حفظ حزمة الأدلة في {path}: {error}.</translation>
    </message>
    <message>
        <source>The image could not be saved to {path}: {error}. Choose another folder and try again.</source>
        <translation>تعذّر حفظ الصورة في {path}: {error}. اختر مجلدًا آخر وحاول مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>EvidencePane</name>
    <message>
        <source>← → step  ·  Home newest  ·  End oldest</source>
        <extracomment>Two tiles side by side, their spacing and a vertical scroll bar. The preview&apos;s width that the timeline, then the gallery, give way for on a narrow window.</extracomment>
        <translation>← → تنقّل  ·  Home الأحدث  ·  End الأقدم</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>اللقطات</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>الخط الزمني</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>المعاينة</translation>
    </message>
</context>
<context>
    <name>ExamPage</name>
    <message>
        <source>Paused by the proctor: your time is stopped.</source>
        <translation>أوقف المراقب الامتحان مؤقتًا: وقتك متوقف.</translation>
    </message>
    <message>
        <source>Submit exam</source>
        <extracomment>How long a &quot;you may continue&quot; notice stays (OK closes it sooner). Narrower than this (an 800x600 screen), the time left is drawn in a smaller size (``QLabel#Timer[fit=&quot;compact&quot;]``) so the page fits without scrolling sideways.</extracomment>
        <translation>تسليم الامتحان</translation>
    </message>
    <message>
        <source>TIME LEFT</source>
        <translation>الوقت المتبقي</translation>
    </message>
    <message>
        <source>CAMERA</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Snapshots sent</source>
        <translation>الصور المرسلة</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>آخر إرسال</translation>
    </message>
    <message>
        <source>Waiting on this computer</source>
        <translation>في الانتظار على هذا الحاسوب</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>جارٍ تشغيل الكاميرا…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>حسنًا</translation>
    </message>
    <message>
        <source>Exam</source>
        <translation>الامتحان</translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation>المقعد {seat}</translation>
    </message>
    <message>
        <source>Keep this window open while you work on your exam.</source>
        <translation>أبقِ هذه النافذة مفتوحة أثناء حلّك الامتحان.</translation>
    </message>
    <message>
        <source>Stay in view of the camera: it takes a picture every {interval} for the proctor.</source>
        <translation>ابقَ أمام الكاميرا: تلتقط صورة كل {interval} للمراقب.</translation>
    </message>
    <message>
        <source>If a message from the proctor appears, read it and press I understand.</source>
        <translation>إذا ظهرت رسالة من المراقب، فاقرأها واضغط «فهمت».</translation>
    </message>
    <message>
        <source>When you have finished, press Submit exam.</source>
        <translation>عند الانتهاء، اضغط «تسليم الامتحان».</translation>
    </message>
    <message>
        <source>A picture is taken every {interval} and sent to the proctor. Only single pictures, no video.</source>
        <translation>تُلتقط صورة كل {interval} وتُرسل إلى المراقب. صور منفردة فقط، بلا فيديو.</translation>
    </message>
    <message>
        <source>This exam is not proctored: no pictures are taken.</source>
        <translation>هذا الامتحان بلا مراقبة: لا تُلتقط أي صور.</translation>
    </message>
    <message>
        <source>This exam is not proctored, so the camera stays off.</source>
        <translation>هذا الامتحان بلا مراقبة، لذا تبقى الكاميرا مطفأة.</translation>
    </message>
    <message>
        <source>Camera off for this exam</source>
        <translation>الكاميرا مطفأة في هذا الامتحان</translation>
    </message>
    <message>
        <source>minute</source>
        <comment>every minute</comment>
        <translation>دقيقة</translation>
    </message>
    <message numerus="yes">
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln دقيقة</numerusform>
            <numerusform>دقيقة واحدة</numerusform>
            <numerusform>دقيقتين</numerusform>
            <numerusform>%Ln دقائق</numerusform>
            <numerusform>%Ln دقيقة</numerusform>
            <numerusform>%Ln دقيقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln second(s)</source>
        <translation>
            <numerusform>%Ln ثانية</numerusform>
            <numerusform>ثانية واحدة</numerusform>
            <numerusform>ثانيتين</numerusform>
            <numerusform>%Ln ثوانٍ</numerusform>
            <numerusform>%Ln ثانية</numerusform>
            <numerusform>%Ln ثانية</numerusform>
        </translation>
    </message>
    <message>
        <source>Time is up. Handing in your exam…</source>
        <translation>انتهى الوقت. جارٍ تسليم امتحانك…</translation>
    </message>
    <message>
        <source>The exam ends at {time}</source>
        <translation>ينتهي الامتحان الساعة {time}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln snapshot(s)</source>
        <translation>
            <numerusform>%Ln صورة</numerusform>
            <numerusform>صورة واحدة</numerusform>
            <numerusform>صورتان</numerusform>
            <numerusform>%Ln صور</numerusform>
            <numerusform>%Ln صورة</numerusform>
            <numerusform>%Ln صورة</numerusform>
        </translation>
    </message>
    <message>
        <source>The camera is not working</source>
        <translation>الكاميرا لا تعمل</translation>
    </message>
    <message>
        <source>Check the camera, then press Retry camera. If it keeps failing, raise your hand.</source>
        <translation>افحص الكاميرا، ثم اضغط «أعد تشغيل الكاميرا». إذا استمر العطل، فارفع يدك.</translation>
    </message>
    <message>
        <source>Retry camera</source>
        <translation>أعد تشغيل الكاميرا</translation>
    </message>
    <message>
        <source>No picture from the camera</source>
        <translation>لا توجد صورة من الكاميرا</translation>
    </message>
    <message>
        <source>Camera off</source>
        <translation>الكاميرا مطفأة</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>مباشر</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>مطفأة</translation>
    </message>
    <message>
        <source>Raise your hand and tell the invigilator.</source>
        <translation>ارفع يدك وأخبر المراقب في القاعة.</translation>
    </message>
    <message>
        <source>Keep working: your timer goes on, and snapshots are kept on this computer ({waiting} waiting) and sent as soon as the connection is back.</source>
        <translation>تابع عملك: المؤقت مستمر، والصور محفوظة على هذا الحاسوب ({waiting} في الانتظار) وتُرسل فور عودة الاتصال.</translation>
    </message>
    <message>
        <source>No connection to the exam server</source>
        <translation>لا اتصال بخادم الامتحان</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>متصل</translation>
    </message>
    <message>
        <source>Snapshots are not reaching the server</source>
        <translation>الصور لا تصل إلى الخادم</translation>
    </message>
    <message>
        <source>{waiting} kept on this computer will be sent automatically. Keep working; if this message stays, tell the invigilator.</source>
        <translation>{waiting} محفوظة على هذا الحاسوب وستُرسل تلقائيًا. تابع عملك؛ وإذا بقيت هذه الرسالة، فأخبر المراقب في القاعة.</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>جارٍ التسليم…</translation>
    </message>
    <message>
        <source>Sending the last {waiting} before handing in…</source>
        <translation>جارٍ إرسال آخر {waiting} قبل التسليم…</translation>
    </message>
    <message>
        <source>Handing in your exam…</source>
        <translation>جارٍ تسليم امتحانك…</translation>
    </message>
</context>
<context>
    <name>ExamsDialog</name>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Proctoring</source>
        <translation>المراقبة</translation>
    </message>
    <message>
        <source>Snapshot every</source>
        <translation>صورة كل</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>المحاولات</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>أُنشئ</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} س</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} د</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} ث</translation>
    </message>
    <message>
        <source>Exams</source>
        <extracomment>Every exam, archived ones included, newest first. The exams in the table, in its order. The exam whose changes the form holds, or None while it creates a new one.</extracomment>
        <translation>الامتحانات</translation>
    </message>
    <message>
        <source>Kiosks list these exams on their start screen. A proctored exam takes a webcam snapshot at the interval you set.</source>
        <translation>تعرض الأجهزة هذه الامتحانات على شاشة البدء. يلتقط الامتحان المراقَب صورة بكاميرا الويب كل مدة تحددها.</translation>
    </message>
    <message>
        <source>e.g. Algebra final, group B</source>
        <translation>مثلًا امتحان الجبر النهائي، المجموعة ب</translation>
    </message>
    <message>
        <source> min</source>
        <translation> د</translation>
    </message>
    <message>
        <source>Watch with webcam snapshots</source>
        <translation>راقب بصور كاميرا الويب</translation>
    </message>
    <message>
        <source> s</source>
        <translation> ث</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>ألغِ التعديل</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>اعرض المؤرشفة</translation>
    </message>
    <message>
        <source>Archived exams are hidden from kiosks; attempts already running go on.</source>
        <translation>الامتحانات المؤرشفة مخفية عن الأجهزة؛ والمحاولات الجارية تستمر.</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>أرشفة</translation>
    </message>
    <message>
        <source>No exams yet. Create the first one above.</source>
        <translation>لا امتحانات بعد. أنشئ أولها في الأعلى.</translation>
    </message>
    <message>
        <source>Type a title for the exam first.</source>
        <translation>اكتب عنوانًا للامتحان أولًا.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>جارٍ الإنشاء…</translation>
    </message>
    <message>
        <source>Editing “{title}”</source>
        <translation>تعديل «{title}»</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>احفظ التغييرات</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>Created “{title}”. Kiosks can start it now.</source>
        <translation>أُنشئ «{title}». يمكن للأجهزة بدؤه الآن.</translation>
    </message>
    <message>
        <source>Correct it and press Create again.</source>
        <translation>صحّحه واضغط «أنشئ» مرة أخرى.</translation>
    </message>
    <message>
        <source>The exam was not created: {error}. Check that the data folder is reachable and try again.</source>
        <translation>لم يُنشأ الامتحان: {error}. تحقق من إمكانية الوصول إلى مجلد البيانات وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Saved “{title}”.</source>
        <translation>حُفظ «{title}».</translation>
    </message>
    <message>
        <source>Correct it and press Save again.</source>
        <translation>صحّحه واضغط «احفظ» مرة أخرى.</translation>
    </message>
    <message>
        <source>The changes were not saved: {error}. Check that the data folder is reachable and try again.</source>
        <translation>لم تُحفظ التغييرات: {error}. تحقق من إمكانية الوصول إلى مجلد البيانات وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Archived “{title}”: kiosks no longer list it; attempts in progress go on. Tick “Show archived” to restore it.</source>
        <translation>أُرشف «{title}»: لم تعد الأجهزة تعرضه؛ والمحاولات الجارية تستمر. فعّل «اعرض المؤرشفة» لاستعادته.</translation>
    </message>
    <message>
        <source>Restored “{title}”: kiosks list it again.</source>
        <translation>استُعيد «{title}»: تعرضه الأجهزة من جديد.</translation>
    </message>
    <message>
        <source>The exam was not changed: {error}. Check that the data folder is reachable and try again.</source>
        <translation>لم يتغير الامتحان: {error}. تحقق من إمكانية الوصول إلى مجلد البيانات وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>{title} — archived</source>
        <translation>{title} — مؤرشف</translation>
    </message>
    <message>
        <source>On</source>
        <translation>مفعّلة</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>متوقفة</translation>
    </message>
    <message>
        <source>Every exam is archived ({count}). Tick “Show archived” to see and restore them.</source>
        <translation>كل الامتحانات مؤرشفة ({count}). فعّل «اعرض المؤرشفة» لعرضها واستعادتها.</translation>
    </message>
    <message>
        <source>The exam list could not be read: {error}. Close and reopen this window to try again.</source>
        <translation>تعذّرت قراءة قائمة الامتحانات: {error}. أغلق هذه النافذة وافتحها مرة أخرى للمحاولة من جديد.</translation>
    </message>
    <message>
        <source>New exam</source>
        <translation>امتحان جديد</translation>
    </message>
    <message>
        <source>Create exam</source>
        <translation>أنشئ الامتحان</translation>
    </message>
    <message>
        <source>now {length}; kept unless you change the minutes</source>
        <translation>الآن {length}؛ تبقى ما لم تغيّر الدقائق</translation>
    </message>
    <message>
        <source>1 candidate has started this exam, so only its title can change. For another duration, snapshot interval or proctoring, create a new exam and archive this one.</source>
        <translation>بدأ مترشح واحد هذا الامتحان، لذا يمكن تغيير عنوانه فقط. لمدة أو فاصل صور أو مراقبة أخرى، أنشئ امتحانًا جديدًا وأرشف هذا.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln candidates have started this exam, so only its title can change. For another duration, snapshot interval or proctoring, create a new exam and archive this one.</source>
        <translation>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody has started this exam yet, so every field can change.</source>
        <translation>لم يبدأ أحد هذا الامتحان بعد، لذا يمكن تغيير كل الحقول.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>استعادة</translation>
    </message>
    <message>
        <source>Kiosks list this exam again</source>
        <translation>تعرض الأجهزة هذا الامتحان من جديد</translation>
    </message>
    <message>
        <source>Hide this exam from kiosks; attempts already running go on</source>
        <translation>أخفِ هذا الامتحان عن الأجهزة؛ والمحاولات الجارية تستمر</translation>
    </message>
</context>
<context>
    <name>FlagDialog</name>
    <message>
        <source>Looking away repeatedly</source>
        <extracomment>FLAG_REASONS in the window&apos;s language (the center records the English reason).</extracomment>
        <translation>ينظر بعيدًا مرارًا</translation>
    </message>
    <message>
        <source>Another person present</source>
        <translation>وجود شخص آخر</translation>
    </message>
    <message>
        <source>Camera covered or off</source>
        <translation>الكاميرا مغطاة أو مطفأة</translation>
    </message>
    <message>
        <source>Using a phone or notes</source>
        <translation>يستخدم هاتفًا أو ملاحظات</translation>
    </message>
    <message>
        <source>Left the seat</source>
        <translation>غادر المقعد</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <source>Flag {name}</source>
        <translation>وضع علامة على {name}</translation>
    </message>
    <message>
        <source>Flagging marks the session for review and raises its risk score. The candidate is not told; the flag and your note go on the session&apos;s timeline.</source>
        <translation>وضع العلامة يحدد الجلسة للمراجعة ويرفع درجة خطورتها. لا يُبلَّغ المترشح؛ تُسجَّل العلامة وملاحظتك في السجل الزمني للجلسة.</translation>
    </message>
    <message>
        <source>Flag session</source>
        <translation>ضع علامة على الجلسة</translation>
    </message>
    <message>
        <source>What did you see? Optional, needed for “Other”.</source>
        <translation>ماذا رأيت؟ اختياري، ومطلوب مع «أخرى».</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>With “Other”, write in the note what you saw.</source>
        <translation>مع «أخرى»، اكتب في الملاحظة ما رأيت.</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>the administrator</source>
        <extracomment>How the actor of the admin key (and of a console without proctor accounts) reads.</extracomment>
        <translation>المسؤول</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>جارية</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>مكتملة</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>ملغاة</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>جارية</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>مسلّمة</translation>
    </message>
    <message>
        <source>Time ran out</source>
        <translation>انتهى الوقت</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>مُنهاة</translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>Session started</source>
        <extracomment>How the console names each timeline event type (an unknown type reads as its own words).</extracomment>
        <translation>بدأت الجلسة</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>انتهت الجلسة</translation>
    </message>
    <message>
        <source>Camera unavailable</source>
        <translation>الكاميرا غير متاحة</translation>
    </message>
    <message>
        <source>Camera restored</source>
        <translation>عادت الكاميرا</translation>
    </message>
    <message>
        <source>Upload failed</source>
        <translation>فشل الرفع</translation>
    </message>
    <message>
        <source>Left the exam window</source>
        <translation>غادر نافذة الاختبار</translation>
    </message>
    <message>
        <source>Back in the exam window</source>
        <translation>عاد إلى نافذة الاختبار</translation>
    </message>
    <message>
        <source>No face in view</source>
        <translation>لا وجه في الصورة</translation>
    </message>
    <message>
        <source>More than one face</source>
        <translation>أكثر من وجه</translation>
    </message>
    <message>
        <source>Picture too dark</source>
        <translation>الصورة معتمة جدًا</translation>
    </message>
    <message>
        <source>Camera blocked or frozen</source>
        <translation>الكاميرا محجوبة أو متجمدة</translation>
    </message>
    <message>
        <source>Looking away</source>
        <translation>ينظر بعيدًا</translation>
    </message>
    <message>
        <source>Warning sent</source>
        <translation>أُرسل تنبيه</translation>
    </message>
    <message>
        <source>Warning acknowledged</source>
        <translation>استُلم التنبيه</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>وُضعت علامة</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>رُوجعت</translation>
    </message>
    <message>
        <source>Evidence deleted (retention)</source>
        <translation>حُذفت الأدلة (مدة الاحتفاظ)</translation>
    </message>
    <message>
        <source>Kiosk closed</source>
        <translation>أُغلق جهاز الاختبار</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>متوقفة مؤقتًا</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>استؤنفت</translation>
    </message>
    <message>
        <source>Time added</source>
        <translation>أُضيف وقت</translation>
    </message>
    <message>
        <source>Accommodation set</source>
        <translation>عُيّنت تسهيلات</translation>
    </message>
    <message>
        <source>Handed in late (network cut)</source>
        <translation>سُلّم متأخرًا (انقطاع الشبكة)</translation>
    </message>
    <message>
        <source>Alert acknowledged</source>
        <translation>تنبيه مُستلَم</translation>
    </message>
    <message>
        <source>Alert dismissed</source>
        <translation>تنبيه مُستبعَد</translation>
    </message>
    <message>
        <source>Let through although not ready</source>
        <translation>سُمح بالبدء رغم عدم الجاهزية</translation>
    </message>
    <message>
        <source>Center unreachable — upload retried</source>
        <extracomment>How an ``upload_failed`` reads when its cause is the center&apos;s own problem (never evidence against the candidate; the kiosk kept its frames and retried).</extracomment>
        <translation>تعذّر الوصول إلى المركز — أُعيد الرفع</translation>
    </message>
    <message>
        <source>Center error — upload retried</source>
        <translation>خطأ في المركز — أُعيد الرفع</translation>
    </message>
    <message>
        <source> by {who}</source>
        <translation> بواسطة {who}</translation>
    </message>
    <message>
        <source>Paused since {time}</source>
        <translation>متوقفة مؤقتًا منذ {time}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>+{percent} % time</source>
        <translation>وقت إضافي {percent}٪</translation>
    </message>
    <message>
        <source>+{minutes} min</source>
        <translation>{minutes} دقيقة إضافية</translation>
    </message>
    <message>
        <source>Not counted: {kinds}</source>
        <translation>لا يُحتسب: {kinds}</translation>
    </message>
    <message>
        <source>Accommodation</source>
        <translation>التسهيلات</translation>
    </message>
    <message>
        <source>No extra time</source>
        <translation>بلا وقت إضافي</translation>
    </message>
    <message>
        <source>not counted: {kinds}</source>
        <translation>لا يُحتسب: {kinds}</translation>
    </message>
    <message>
        <source>{what} (accommodation by {who})</source>
        <translation>{what} (تسهيلات بواسطة {who})</translation>
    </message>
    <message>
        <source>{what} (accommodation)</source>
        <translation>{what} (تسهيلات)</translation>
    </message>
    <message>
        <source>+{minutes} min added</source>
        <translation>أُضيفت {minutes}+ دقيقة</translation>
    </message>
    <message>
        <source>paused {minutes} min in all</source>
        <translation>توقف {minutes} دقيقة إجمالًا</translation>
    </message>
    <message>
        <source>Not counted for this candidate: {kinds}</source>
        <translation>لا يُحتسب لهذا المرشّح: {kinds}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>ملاحظة: {note}</translation>
    </message>
    <message>
        <source>Not flagged</source>
        <translation>بلا علامة</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>بلا سبب مذكور</translation>
    </message>
    <message>
        <source>Flagged{by}: {reason}</source>
        <translation>وُضعت علامة{by}: {reason}</translation>
    </message>
    <message>
        <source>No issue</source>
        <translation>لا مشكلة</translation>
    </message>
    <message>
        <source>Suspicious</source>
        <translation>مريبة</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>مخالفة</translation>
    </message>
    <message>
        <source>{count} not analysed (the center&apos;s analysis was behind or the session ended first; the newest frame always went first)</source>
        <translation>{count} لم تُحلَّل (تأخّر تحليل المركز أو انتهت الجلسة أولًا؛ الصورة الأحدث تُحلَّل دائمًا أولًا)</translation>
    </message>
    <message>
        <source>Low</source>
        <extracomment>The risk levels&apos; words (translated in the Formatting context, with the statuses&apos;).</extracomment>
        <translation>منخفضة</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>متوسطة</translation>
    </message>
    <message>
        <source>High</source>
        <translation>عالية</translation>
    </message>
</context>
<context>
    <name>GalleryDelegate</name>
    <message>
        <source>Image unavailable</source>
        <extracomment>The size thumbnails are cached at (the stored thumbnails are about 160x120).</extracomment>
        <translation>الصورة غير متاحة</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>Blocked</source>
        <extracomment>the SnapshotDTO str aware datetime tuple of short words (&quot;No face&quot;, &quot;Too dark&quot;) changes when the thumbnail is ready (no value) Analysis cues (comma-separated in SnapshotDTO.analysis, see core/domain/episodes.py) in words.</extracomment>
        <translation>محجوبة</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>متجمدة</translation>
    </message>
    <message>
        <source>Too dark</source>
        <translation>مظلمة جدًا</translation>
    </message>
    <message>
        <source>Looking away</source>
        <translation>ينظر بعيدًا</translation>
    </message>
    <message>
        <source>No face</source>
        <extracomment>The badges analysis_badges writes itself, for their translation.</extracomment>
        <translation>لا وجه</translation>
    </message>
    <message>
        <source>Several faces</source>
        <translation>عدة وجوه</translation>
    </message>
    <message>
        <source>{count} faces</source>
        <extracomment>Cues that explain a zero face count by themselves (&quot;No face&quot; would only repeat them).</extracomment>
        <translation>وجوه: {count}</translation>
    </message>
    <message>
        <source>Captured {time}</source>
        <translation>التُقطت {time}</translation>
    </message>
    <message>
        <source>Snapshot captured at {time}</source>
        <translation>لقطة التُقطت في {time}</translation>
    </message>
    <message>
        <source>The snapshots could not be loaded: {error}</source>
        <translation>تعذّر تحميل اللقطات: {error}</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>This is not your exam center</source>
        <translation>هذا ليس مركز امتحانك</translation>
    </message>
    <message>
        <source>Nothing more is sent to that server. The snapshots taken so far are kept on this computer. Call the invigilator now and keep this window open.</source>
        <translation>لن يُرسل شيء آخر إلى ذلك الخادم. الصور الملتقطة حتى الآن محفوظة على هذا الحاسوب. نادِ المراقب في القاعة الآن وأبقِ هذه النافذة مفتوحة.</translation>
    </message>
    <message>
        <source>Nothing was sent to that server. Call the invigilator.</source>
        <translation>لم يُرسل شيء إلى ذلك الخادم. نادِ المراقب في القاعة.</translation>
    </message>
    <message>
        <source>THE CENTER&apos;S IDENTITY CHANGED</source>
        <translation>تغيّرت هوية المركز</translation>
    </message>
    <message>
        <source>Back to the join form</source>
        <translation>العودة إلى نموذج الانضمام</translation>
    </message>
</context>
<context>
    <name>JoinFlow</name>
    <message>
        <source>Enter the kiosk key (the invigilator has it).</source>
        <extracomment>The last check found something NOT READY that a proctor may let through (True), or nothing to let through any more (False). The room an enrolment done here gave (file or code): it wins over the settings&apos;.</extracomment>
        <translation>أدخل مفتاح الجهاز (لدى المراقب في القاعة).</translation>
    </message>
    <message>
        <source>Nothing was changed in the form.</source>
        <translation>لم يتغير شيء في النموذج.</translation>
    </message>
    <message>
        <source>the center&apos;s address</source>
        <translation>عنوان المركز</translation>
    </message>
    <message>
        <source>the enrolment code</source>
        <translation>رمز التسجيل</translation>
    </message>
    <message>
        <source>the fingerprint digits</source>
        <translation>أرقام البصمة</translation>
    </message>
    <message>
        <source>Enter {missing} as the proctor&apos;s screen shows them.</source>
        <translation>أدخل {missing} كما تظهر على شاشة المراقب.</translation>
    </message>
    <message>
        <source>the kiosk key</source>
        <translation>مفتاح الجهاز</translation>
    </message>
    <message>
        <source>the exam</source>
        <translation>الامتحان</translation>
    </message>
    <message>
        <source>your candidate ID</source>
        <translation>رقم المترشح</translation>
    </message>
    <message>
        <source>your full name</source>
        <translation>اسمك الكامل</translation>
    </message>
    <message>
        <source>Enter {missing} to start.</source>
        <translation>أدخل {missing} للبدء.</translation>
    </message>
    <message>
        <source>The seat can be at most {count} characters, for example B-14.</source>
        <translation>لا يتجاوز المقعد {count} حرفًا، مثل B-14.</translation>
    </message>
    <message>
        <source>your username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>your password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>the reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Enter {missing}.</source>
        <translation>أدخل {missing}.</translation>
    </message>
    <message>
        <source>The exam server at {url} cannot be reached. Check the address and that the proctor console is running, then try again.</source>
        <translation>تعذّر الوصول إلى خادم الامتحان على {url}. تحقق من العنوان ومن أن وحدة تحكم المراقب تعمل، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The exam server cannot be reached. Check the address and that the proctor console is running, then try again.</source>
        <translation>تعذّر الوصول إلى خادم الامتحان. تحقق من العنوان ومن أن وحدة تحكم المراقب تعمل، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The server did not accept this kiosk key. Check the key with the invigilator.</source>
        <translation>لم يقبل الخادم مفتاح الجهاز هذا. تحقق من المفتاح مع المراقب في القاعة.</translation>
    </message>
    <message>
        <source>The server has no such exam. Choose the exam again or ask the invigilator.</source>
        <translation>لا يوجد هذا الامتحان على الخادم. اختر الامتحان مرة أخرى أو اسأل المراقب في القاعة.</translation>
    </message>
    <message>
        <source>The exam center does not answer, so it cannot record the override. Try again.</source>
        <translation>مركز الامتحان لا يستجيب، لذا لا يمكنه تسجيل التجاوز. حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>{sentence} Check the username and password (a proctor account of this center).</source>
        <translation>{sentence} تحقّق من اسم المستخدم وكلمة المرور (حساب مراقب في هذا المركز).</translation>
    </message>
    <message>
        <source>The center at {address} did not answer over a secure connection. Check the address the proctor gives you, then try again.</source>
        <translation>لم يستجب المركز على {address} عبر اتصال آمن. تحقق من العنوان الذي يعطيك إياه المراقب، ثم حاول مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <source>Find the exams first</source>
        <translation>ابحث عن الامتحانات أولًا</translation>
    </message>
    <message>
        <source>Looking for exam centers on this network…</source>
        <translation>جارٍ البحث عن مراكز الامتحان على هذه الشبكة…</translation>
    </message>
    <message>
        <source>No exam center found on this network yet. Type the address the proctor gives you, or open an enrolment file.</source>
        <translation>لم يُعثر بعد على مركز امتحان على هذه الشبكة. اكتب العنوان الذي يعطيك إياه المراقب، أو افتح ملف تسجيل.</translation>
    </message>
    <message>
        <source>Choose your center if its sha256 digits match the proctor&apos;s screen, or type the address the proctor gives you.</source>
        <translation>اختر مركزك إذا طابقت أرقام sha256 شاشة المراقب، أو اكتب العنوان الذي يعطيك إياه المراقب.</translation>
    </message>
    <message>
        <source>no certificate</source>
        <extracomment>Lines of the form&apos;s message shown at once; a longer one scrolls in its area. Five: the readiness check&apos;s NOT READY sentence (four lines at 1366x768) is read whole, never cut.</extracomment>
        <translation>بلا شهادة</translation>
    </message>
    <message>
        <source>Open enrolment file…</source>
        <translation>افتح ملف التسجيل…</translation>
    </message>
    <message>
        <source>Enter enrolment code…</source>
        <translation>أدخل رمز التسجيل…</translation>
    </message>
    <message>
        <source>From the invigilator</source>
        <translation>من المراقب في القاعة</translation>
    </message>
    <message>
        <source>Find exams</source>
        <translation>ابحث عن الامتحانات</translation>
    </message>
    <message>
        <source>e.g. B-14</source>
        <translation>مثلًا B-14</translation>
    </message>
    <message>
        <source>e.g. C-1042</source>
        <translation>مثلًا C-1042</translation>
    </message>
    <message>
        <source>As on your ID card</source>
        <translation>كما في بطاقة هويتك</translation>
    </message>
    <message>
        <source>Start exam</source>
        <translation>ابدأ الامتحان</translation>
    </message>
    <message>
        <source>Join your exam</source>
        <translation>انضم إلى امتحانك</translation>
    </message>
    <message>
        <source>Choose your exam center, then enter the details the invigilator gave you. The camera starts when the exam starts.</source>
        <translation>اختر مركز امتحانك، ثم أدخل البيانات التي أعطاك إياها المراقب. تعمل الكاميرا عند بدء الامتحان.</translation>
    </message>
    <message>
        <source>Exam centers on this network</source>
        <translation>مراكز الامتحان على هذه الشبكة</translation>
    </message>
    <message>
        <source>Or use what the proctor gives you</source>
        <translation>أو استخدم ما يعطيك إياه المراقب</translation>
    </message>
    <message>
        <source>Exam server address</source>
        <translation>عنوان خادم الامتحان</translation>
    </message>
    <message>
        <source>Kiosk key</source>
        <translation>مفتاح الجهاز</translation>
    </message>
    <message>
        <source>Exam</source>
        <translation>الامتحان</translation>
    </message>
    <message>
        <source>Seat (where you sit)</source>
        <translation>المقعد (مكان جلوسك)</translation>
    </message>
    <message>
        <source>Candidate ID</source>
        <translation>رقم المترشح</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>الاسم الكامل</translation>
    </message>
    <message>
        <source>Proctor override…</source>
        <translation>تجاوز من المراقب…</translation>
    </message>
    <message>
        <source>A proctor lets this kiosk start although it is not ready; the center records who and why</source>
        <translation>يسمح مراقب لهذا الجهاز بالبدء مع أنه غير جاهز؛ ويسجّل المركز من سمح ولماذا</translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation>المقعد {seat}</translation>
    </message>
    <message>
        <source>Room {room}</source>
        <translation>القاعة {room}</translation>
    </message>
    <message>
        <source>Enter your candidate ID and your full name as the invigilator tells you, then press Start exam. The camera starts when the exam starts.</source>
        <translation>أدخل رقم المترشح واسمك الكامل كما يخبرك المراقب، ثم اضغط «ابدأ الامتحان». تعمل الكاميرا عند بدء الامتحان.</translation>
    </message>
    <message>
        <source>This kiosk is not set up for an exam center yet. Please call the invigilator.</source>
        <translation>هذا الجهاز غير مُعدّ لمركز امتحان بعد. يُرجى مناداة المراقب في القاعة.</translation>
    </message>
    <message>
        <source>Looking for exams on the server…</source>
        <translation>جارٍ البحث عن الامتحانات على الخادم…</translation>
    </message>
    <message>
        <source>Open the enrolment file from the proctor</source>
        <translation>افتح ملف التسجيل من المراقب</translation>
    </message>
    <message>
        <source>Enrolment files (*.json);;All files (*)</source>
        <translation>ملفات التسجيل (*.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>{center} chosen. Enter the kiosk key from the invigilator, or use an enrolment code.</source>
        <translation>تم اختيار {center}. أدخل مفتاح الجهاز من المراقب، أو استخدم رمز تسجيل.</translation>
    </message>
    <message>
        <source>{title}  ·  {minutes} min</source>
        <translation>{title}  ·  {minutes} دقيقة</translation>
    </message>
    <message numerus="yes">
        <source>%Ln exam(s) found. Choose yours, enter your ID and name, then press Start exam.</source>
        <translation>
            <numerusform>لم يُعثر على امتحانات.</numerusform>
            <numerusform>عُثر على امتحان واحد. اختره، وأدخل رقمك واسمك، ثم اضغط «ابدأ الامتحان».</numerusform>
            <numerusform>عُثر على امتحانين. اختر امتحانك، وأدخل رقمك واسمك، ثم اضغط «ابدأ الامتحان».</numerusform>
            <numerusform>عُثر على %Ln امتحانات. اختر امتحانك، وأدخل رقمك واسمك، ثم اضغط «ابدأ الامتحان».</numerusform>
            <numerusform>عُثر على %Ln امتحانًا. اختر امتحانك، وأدخل رقمك واسمك، ثم اضغط «ابدأ الامتحان».</numerusform>
            <numerusform>عُثر على %Ln امتحان. اختر امتحانك، وأدخل رقمك واسمك، ثم اضغط «ابدأ الامتحان».</numerusform>
        </translation>
    </message>
    <message>
        <source>No exams on this server yet</source>
        <translation>لا امتحانات على هذا الخادم بعد</translation>
    </message>
    <message>
        <source>The server has no exams yet. Ask the invigilator to create the exam, then press Find exams again.</source>
        <translation>لا توجد امتحانات على الخادم بعد. اطلب من المراقب إنشاء الامتحان، ثم اضغط «ابحث عن الامتحانات» مرة أخرى.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
</context>
<context>
    <name>KioskController</name>
    <message>
        <source>You may continue</source>
        <extracomment>The &quot;you may continue&quot; notices (their title): the proctor resumed the exam, or dealt with a warning.</extracomment>
        <translation>يمكنك المتابعة</translation>
    </message>
    <message>
        <source>The proctor resumed your exam; your time runs again.</source>
        <translation>استأنف المراقب امتحانك؛ عاد وقتك يجري.</translation>
    </message>
    <message>
        <source>The proctor has dealt with the warning; carry on with your exam.</source>
        <translation>عالج المراقب التنبيه؛ تابع امتحانك.</translation>
    </message>
    <message>
        <source>Your exam was submitted</source>
        <translation>تم تسليم امتحانك</translation>
    </message>
    <message>
        <source>Your answers are saved. You may now leave quietly.</source>
        <translation>إجاباتك محفوظة. يمكنك المغادرة الآن بهدوء.</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>انتهى الوقت</translation>
    </message>
    <message>
        <source>The exam time has ended and your exam was handed in automatically. Your answers are saved.</source>
        <translation>انتهى وقت الامتحان وسُلّم امتحانك تلقائيًا. إجاباتك محفوظة.</translation>
    </message>
    <message>
        <source>Your exam was ended by the proctor</source>
        <translation>أنهى المراقب امتحانك</translation>
    </message>
    <message>
        <source>Please stay seated and speak to the invigilator.</source>
        <translation>يُرجى البقاء في مقعدك والتحدث إلى المراقب في القاعة.</translation>
    </message>
    <message>
        <source>This exam attempt is unknown to the server</source>
        <extracomment>When the candidate pressed Submit (kept in the attempt file until the center has it). Handed in, but the center has not taken it yet: the page says so, uploads go on.</extracomment>
        <translation>محاولة الامتحان هذه غير معروفة للخادم</translation>
    </message>
    <message>
        <source>The server no longer has this attempt. Please speak to the invigilator.</source>
        <translation>لم تعد هذه المحاولة موجودة على الخادم. يُرجى التحدث إلى المراقب في القاعة.</translation>
    </message>
    <message>
        <source>The server refused the kiosk&apos;s request ({status}: {message})</source>
        <translation>رفض الخادم طلب الجهاز ({status}: {message})</translation>
    </message>
    <message>
        <source>Your exam is not submitted yet: {reason} Press Submit again.</source>
        <translation>لم يُسلَّم امتحانك بعد: {reason} اضغط «تسليم» مرة أخرى.</translation>
    </message>
    <message>
        <source>Your exam has ended</source>
        <translation>انتهى امتحانك</translation>
    </message>
    <message>
        <source>Please speak to the invigilator.</source>
        <translation>يُرجى التحدث إلى المراقب في القاعة.</translation>
    </message>
</context>
<context>
    <name>KioskEventMessages</name>
    <message>
        <source>The exam window lost focus.</source>
        <translation>فقدت نافذة الاختبار التركيز.</translation>
    </message>
    <message>
        <source>Back in the exam window after {away_seconds}.</source>
        <translation>عاد إلى نافذة الاختبار بعد {away_seconds}.</translation>
    </message>
    <message>
        <source>The kiosk was started again after being closed during the exam.</source>
        <translation>أُعيد تشغيل الكشك بعد أن أُغلق أثناء الاختبار.</translation>
    </message>
    <message>
        <source>The candidate closed the kiosk during the exam.</source>
        <translation>أغلق المرشح الكشك أثناء الاختبار.</translation>
    </message>
    <message>
        <source>The kiosk window was closed during the exam.</source>
        <translation>أُغلقت نافذة الكشك أثناء الاختبار.</translation>
    </message>
    <message>
        <source>The {camera} works again.</source>
        <translation>{camera} يعمل من جديد.</translation>
    </message>
    <message>
        <source>Snapshot upload failed {tries} times ({error}); {waiting} snapshot(s) are kept on the kiosk and will be sent when possible.</source>
        <translation>فشل رفع اللقطات {tries} مرات ({error})؛ تُحفظ {waiting} لقطة على الكشك وستُرسل عند الإمكان.</translation>
    </message>
</context>
<context>
    <name>KioskOptions</name>
    <message>
        <source>0 — the webcam</source>
        <translation>0 — كاميرا الويب</translation>
    </message>
    <message>
        <source>1 — a second camera</source>
        <translation>1 — كاميرا ثانية</translation>
    </message>
    <message>
        <source>synthetic — a test picture (no webcam)</source>
        <translation>synthetic — صورة اختبار (دون كاميرا ويب)</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>What the kiosks film with: a device number, &apos;synthetic&apos; (a test picture, for a kiosk without a webcam) or a video file</source>
        <translation>ما تصوّر به الأكشاك: رقم جهاز، أو &apos;synthetic&apos; (صورة اختبار، لكشك دون كاميرا ويب) أو ملف فيديو</translation>
    </message>
    <message>
        <source>e.g. Hall 2</source>
        <translation>مثلًا: القاعة 2</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>القاعة</translation>
    </message>
</context>
<context>
    <name>KioskSettings</name>
    <message>
        <source>Enter the server address, for example http://exam-server:8765.</source>
        <extracomment>What the machine-wide and the user&apos;s kiosk.toml may hold. Languages the kiosk&apos;s words are written in (``console.i18n.LANGUAGES``&apos;s codes; this module is read before Qt is imported); ``system``: the system&apos;s language (English if not one of them). The longest seat label the server keeps. The longest room name the server keeps.</extracomment>
        <translation>أدخل عنوان الخادم، مثل http://exam-server:8765.</translation>
    </message>
    <message>
        <source>{text} is not a server address; use the form http://exam-server:8765.</source>
        <translation>‏{text} ليس عنوان خادم؛ استخدم الصيغة http://exam-server:8765.</translation>
    </message>
    <message>
        <source>The port in {text} is not a number from 1 to 65535.</source>
        <translation>المنفذ في {text} ليس رقمًا بين 1 و65535.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Proctor Kiosk</source>
        <translation>جهاز الامتحان المراقَب</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>تم التسليم</translation>
    </message>
    <message>
        <source>Your exam is handed in; it will reach the center when the network returns.</source>
        <translation>سُلّم امتحانك؛ وسيصل إلى المركز عند عودة الشبكة.</translation>
    </message>
    <message>
        <source>Your answers are kept on this computer, with the time you pressed Submit. Leave this kiosk switched on: it sends them by itself. You may leave when the invigilator says so.</source>
        <translation>إجاباتك محفوظة على هذا الحاسوب مع وقت ضغطك «تسليم». اترك هذا الجهاز يعمل: سيرسلها بنفسه. يمكنك المغادرة عندما يأذن المراقب.</translation>
    </message>
    <message>
        <source>Your time is stopped and will be given back. Stay in your seat, keep this window open and wait: the exam goes on here when the proctor resumes it. If you need help, raise your hand.</source>
        <translation>وقتك متوقف وسيُعوَّض لك. ابقَ في مقعدك، وأبقِ هذه النافذة مفتوحة وانتظر: يستمر الامتحان هنا عندما يستأنفه المراقب. إذا احتجت إلى مساعدة، فارفع يدك.</translation>
    </message>
    <message>
        <source>Starting the exam on this kiosk…</source>
        <translation>جارٍ بدء الامتحان على هذا الجهاز…</translation>
    </message>
    <message>
        <source>Starting your exam…</source>
        <translation>جارٍ بدء امتحانك…</translation>
    </message>
    <message numerus="yes">
        <source>Trying again every %Ln second(s)…</source>
        <translation>
            <numerusform>جارٍ إعادة المحاولة…</numerusform>
            <numerusform>جارٍ إعادة المحاولة كل ثانية…</numerusform>
            <numerusform>جارٍ إعادة المحاولة كل ثانيتين…</numerusform>
            <numerusform>جارٍ إعادة المحاولة كل %Ln ثوانٍ…</numerusform>
            <numerusform>جارٍ إعادة المحاولة كل %Ln ثانية…</numerusform>
            <numerusform>جارٍ إعادة المحاولة كل %Ln ثانية…</numerusform>
        </translation>
    </message>
    <message>
        <source>Trying the camera again…</source>
        <translation>جارٍ تجربة الكاميرا مرة أخرى…</translation>
    </message>
    <message>
        <source>MESSAGE FROM YOUR PROCTOR</source>
        <translation>رسالة من المراقب</translation>
    </message>
    <message>
        <source>Please read this message. Your timer keeps running.</source>
        <translation>يُرجى قراءة هذه الرسالة. المؤقت مستمر.</translation>
    </message>
    <message>
        <source>I understand</source>
        <translation>فهمت</translation>
    </message>
    <message numerus="yes">
        <source>You still have %Ln minute(s).</source>
        <translation>
            <numerusform>لم يتبقَّ لديك وقت.</numerusform>
            <numerusform>لا تزال لديك دقيقة واحدة.</numerusform>
            <numerusform>لا تزال لديك دقيقتان.</numerusform>
            <numerusform>لا تزال لديك %Ln دقائق.</numerusform>
            <numerusform>لا تزال لديك %Ln دقيقة.</numerusform>
            <numerusform>لا تزال لديك %Ln دقيقة.</numerusform>
        </translation>
    </message>
    <message>
        <source>SUBMIT EXAM</source>
        <translation>تسليم الامتحان</translation>
    </message>
    <message>
        <source>Hand in your exam now?</source>
        <translation>هل تسلّم امتحانك الآن؟</translation>
    </message>
    <message>
        <source>After you submit, you cannot change your answers and the exam ends on this kiosk.</source>
        <translation>بعد التسليم، لا يمكنك تغيير إجاباتك وينتهي الامتحان على هذا الجهاز.</translation>
    </message>
    <message>
        <source>Submit now</source>
        <translation>سلّم الآن</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>تابع العمل</translation>
    </message>
    <message>
        <source>Handed in at {time} on {date}</source>
        <translation>سُلّم الساعة {time} في {date}</translation>
    </message>
    <message>
        <source>The proctor did not give a reason.</source>
        <translation>لم يذكر المراقب سببًا.</translation>
    </message>
    <message>
        <source>Time left: {time}.</source>
        <translation>الوقت المتبقي: {time}.</translation>
    </message>
    <message>
        <source>EXAM PAUSED</source>
        <translation>الامتحان متوقف مؤقتًا</translation>
    </message>
    <message>
        <source>Paused by the proctor</source>
        <translation>أوقفه المراقب مؤقتًا</translation>
    </message>
    <message>
        <source>Ended at {time} on {date}</source>
        <translation>انتهى الساعة {time} في {date}</translation>
    </message>
    <message>
        <source>Close the kiosk?</source>
        <translation>هل تغلق الجهاز؟</translation>
    </message>
    <message>
        <source>Your exam is still running.</source>
        <translation>امتحانك لا يزال جاريًا.</translation>
    </message>
    <message>
        <source>If you close the kiosk now, the proctor will see that the kiosk was closed, and your timer keeps running. To hand in your exam, use Submit exam instead.</source>
        <translation>إذا أغلقت الجهاز الآن، فسيرى المراقب أن الجهاز أُغلق، ويستمر المؤقت. لتسليم امتحانك، استخدم «تسليم الامتحان» بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>أغلق الجهاز</translation>
    </message>
    <message>
        <source>Keep the exam open</source>
        <translation>أبقِ الامتحان مفتوحًا</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Proctor override</source>
        <translation>تجاوز من المراقب</translation>
    </message>
    <message>
        <source>Let this kiosk start although it is not ready</source>
        <translation>السماح لهذا الجهاز بالبدء رغم أنه غير جاهز</translation>
    </message>
    <message>
        <source>For the proctor only. Sign in with your proctor account and say why; the exam center records who let the kiosk through, when and why.</source>
        <translation>للمراقب فقط. سجّل الدخول بحساب المراقب واذكر السبب؛ يسجّل مركز الامتحان من سمح للجهاز بالبدء ومتى ولماذا.</translation>
    </message>
    <message>
        <source>Not ready: %1</source>
        <translation>غير جاهز: %1</translation>
    </message>
    <message>
        <source>see the form</source>
        <translation>انظر النموذج</translation>
    </message>
    <message>
        <source>e.g. No webcam; the candidate is watched in person</source>
        <translation>مثلًا: لا توجد كاميرا؛ يُراقَب المرشّح حضوريًا</translation>
    </message>
    <message>
        <source>Let it start</source>
        <translation>السماح بالبدء</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Proctor username</source>
        <translation>اسم مستخدم المراقب</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
    <message>
        <source>Signing in at the center and starting the exam…</source>
        <translation>جارٍ تسجيل الدخول في المركز وبدء الامتحان…</translation>
    </message>
</context>
<context>
    <name>PauseDialog</name>
    <message>
        <source>Fire alarm: leave the room calmly and wait for the proctor.</source>
        <extracomment>Ready reasons (shown to the candidate in the proctor&apos;s language: the console&apos;s).</extracomment>
        <translation>إنذار حريق: غادر القاعة بهدوء وانتظر المراقب.</translation>
    </message>
    <message>
        <source>A technical problem in the room: please wait; your time is kept.</source>
        <translation>مشكلة تقنية في القاعة: يُرجى الانتظار؛ وقتك محفوظ.</translation>
    </message>
    <message>
        <source>A short break: please stay in your seat.</source>
        <translation>استراحة قصيرة: يُرجى البقاء في مقعدك.</translation>
    </message>
    <message>
        <source>Pause all {count} running exams in {room}</source>
        <translation>إيقاف كل الامتحانات الجارية ({count}) في {room} مؤقتًا</translation>
    </message>
    <message>
        <source>Pause the exam of {name}</source>
        <translation>إيقاف امتحان {name} مؤقتًا</translation>
    </message>
    <message>
        <source>The clock stops and the kiosk shows your reason until you resume; the time is given back then. What happens while paused does not count against the candidate.</source>
        <translation>تتوقف الساعة ويعرض الجهاز سببك حتى تستأنف؛ ويُعوَّض الوقت حينها. ما يحدث أثناء التوقف لا يُحسب على المترشح.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Write your own…</source>
        <translation>اكتب بنفسك…</translation>
    </message>
    <message>
        <source>What the candidate reads while paused (required)</source>
        <translation>ما يقرؤه المترشح أثناء التوقف (مطلوب)</translation>
    </message>
    <message>
        <source>Ready reason</source>
        <translation>سبب جاهز</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Write the reason the candidate will read, or pick a ready one.</source>
        <translation>اكتب السبب الذي سيقرؤه المترشح، أو اختر سببًا جاهزًا.</translation>
    </message>
</context>
<context>
    <name>ProctorCenterWindow</name>
    <message>
        <source>No exam has run here yet, so two sample sessions show what the grid looks like. Their actions are off, and they go away for good when the first candidate starts. Turn them off in View ▸ Show sample sessions.</source>
        <extracomment>The narrowest the window goes: the header and the toolbar fit it whole (an 800 px screen). File ▸ Connect to an exam center&apos;s server…: the application signs in and swaps centers. When the grid last heard from the center (for the lost-server banner). Ask before closing while real exams run (off for throw-away data, e.g. a demo). The open &quot;exams are running&quot; question, if any.</extracomment>
        <translation>لم يُجرَ أي امتحان هنا بعد، لذا تُظهر جلستان نموذجيتان شكل الشبكة. إجراءاتهما معطّلة، وتختفيان نهائيًا عندما يبدأ أول مترشح. أوقفهما من عرض ◂ اعرض جلسات نموذجية.</translation>
    </message>
    <message>
        <source>Signed out: acting as nobody</source>
        <translation>تم تسجيل الخروج: لا أحد يتصرف</translation>
    </message>
    <message>
        <source>Acting as {who}</source>
        <translation>يتصرف باسم {who}</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>تم تسجيل الخروج</translation>
    </message>
    <message>
        <source>Proctor Center — Proctor Console</source>
        <translation>مركز المراقبة — وحدة تحكم المراقب</translation>
    </message>
    <message>
        <source>Proctor Center — {where} — {who}</source>
        <translation>مركز المراقبة — {where} — {who}</translation>
    </message>
    <message>
        <source>Choose a room in the grid&apos;s room box first.</source>
        <translation>اختر قاعة من قائمة القاعات في الشبكة أولًا.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>إيقاف مؤقت…</translation>
    </message>
    <message>
        <source>Pause every exam in {room}…</source>
        <translation>أوقف كل امتحانات {room} مؤقتًا…</translation>
    </message>
    <message numerus="yes">
        <source>Evidence on disk: {size} MB in %Ln file(s)</source>
        <translation>
            <numerusform>الأدلة على القرص: {size} ميغابايت في %Ln ملف</numerusform>
            <numerusform>الأدلة على القرص: {size} ميغابايت في ملف واحد</numerusform>
            <numerusform>الأدلة على القرص: {size} ميغابايت في ملفين</numerusform>
            <numerusform>الأدلة على القرص: {size} ميغابايت في %Ln ملفات</numerusform>
            <numerusform>الأدلة على القرص: {size} ميغابايت في %Ln ملفًا</numerusform>
            <numerusform>الأدلة على القرص: {size} ميغابايت في %Ln ملف</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed out: sign in again to flag, warn or terminate.</source>
        <translation>تم تسجيل الخروج: سجّل الدخول مرة أخرى لوضع علامة أو التحذير أو الإنهاء.</translation>
    </message>
    <message>
        <source>The exam center&apos;s server cannot be reached; this is back when it is.</source>
        <translation>تعذّر الوصول إلى خادم مركز الامتحان؛ يعود هذا عند عودته.</translation>
    </message>
    <message>
        <source>Loading sessions…</source>
        <translation>جارٍ تحميل الجلسات…</translation>
    </message>
    <message>
        <source>No session matches the search, the exam or the counter you chose.
Press Esc in the search box, choose “All exams”, or click the first counter to see every session.</source>
        <translation>لا جلسة تطابق البحث أو الامتحان أو العدّاد الذي اخترته.
اضغط Esc في مربع البحث، أو اختر «كل الامتحانات»، أو انقر العدّاد الأول لعرض كل الجلسات.</translation>
    </message>
    <message>
        <source>No session has ended yet.
Submitted, timed-out and terminated sessions are listed here for review.</source>
        <translation>لم تنتهِ أي جلسة بعد.
تُعرض هنا الجلسات المسلّمة والمنتهية الوقت والمُنهاة للمراجعة.</translation>
    </message>
    <message>
        <source>File ▸ Connect kiosks shows what to type on a kiosk.</source>
        <translation>ملف ◂ ربط الأجهزة يبيّن ما يُكتب على جهاز الامتحان.</translation>
    </message>
    <message>
        <source>Kiosks are set up at the exam center&apos;s own console.</source>
        <translation>تُعدّ الأجهزة من وحدة التحكم الخاصة بمركز الامتحان.</translation>
    </message>
    <message>
        <source>No exam is running right now.
A session appears here as soon as a candidate starts an exam on a kiosk.</source>
        <translation>لا يجري أي امتحان الآن.
تظهر الجلسة هنا فور بدء مترشح امتحانًا على جهاز.</translation>
    </message>
</context>
<context>
    <name>ProctorsDialog</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>أُنشئ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Only the center&apos;s administrator manages proctor accounts. Ask them to add an account or to disable one.</source>
        <translation>يدير مسؤول المركز وحده حسابات المراقبين. اطلب منه إضافة حساب أو تعطيله.</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>معطّل</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Proctor accounts</source>
        <translation>حسابات المراقبين</translation>
    </message>
    <message>
        <source>Each proctor signs in with their own account, and what they do is recorded under their name.</source>
        <translation>يسجّل كل مراقب الدخول بحسابه، وتُسجَّل أفعاله باسمه.</translation>
    </message>
    <message>
        <source>Add a proctor</source>
        <translation>إضافة مراقب</translation>
    </message>
    <message>
        <source>e.g. Dana Lee</source>
        <translation>مثلًا سارة أحمد</translation>
    </message>
    <message>
        <source>e.g. dana</source>
        <translation>مثلًا sara</translation>
    </message>
    <message>
        <source>at least {count} characters</source>
        <translation>{count} أحرف على الأقل</translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>الكلمة نفسها مرة أخرى</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>كرّر كلمة المرور</translation>
    </message>
    <message>
        <source>A password needs at least {count} characters. Give it to the proctor in person: they sign in with their username and this password.</source>
        <translation>تحتاج كلمة المرور إلى {count} أحرف على الأقل. سلّمها إلى المراقب شخصيًا: يسجّل الدخول باسم المستخدم وكلمة المرور هذه.</translation>
    </message>
    <message>
        <source>Add proctor</source>
        <translation>أضف المراقب</translation>
    </message>
    <message>
        <source>Disable…</source>
        <translation>تعطيل…</translation>
    </message>
    <message>
        <source>Sign this proctor out everywhere at once and refuse their sign-in from now on</source>
        <translation>سجّل خروج هذا المراقب من كل مكان فورًا وارفض دخوله من الآن</translation>
    </message>
    <message>
        <source>No proctor accounts yet. Add the first one above.</source>
        <translation>لا حسابات مراقبين بعد. أضف أولها في الأعلى.</translation>
    </message>
    <message>
        <source>Type the proctor&apos;s name first.</source>
        <extracomment>The question before disabling an account (open while it is asked).</extracomment>
        <translation>اكتب اسم المراقب أولًا.</translation>
    </message>
    <message>
        <source>Type a username for the proctor first.</source>
        <translation>اكتب اسم مستخدم للمراقب أولًا.</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password in both fields.</source>
        <translation>كلمتا المرور مختلفتان. اكتب كلمة المرور نفسها في الحقلين.</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>جارٍ الإضافة…</translation>
    </message>
    <message>
        <source>Disable proctor account</source>
        <translation>تعطيل حساب مراقب</translation>
    </message>
    <message>
        <source>Disable {name}&apos;s account?</source>
        <translation>هل تعطّل حساب {name}؟</translation>
    </message>
    <message>
        <source>{name} ({username}) will be signed out at once on every console and cannot sign in again. What they did stays recorded under their name.</source>
        <translation>سيُسجَّل خروج {name} ({username}) فورًا من كل وحدات التحكم ولن يستطيع الدخول مرة أخرى. تبقى أفعاله مسجّلة باسمه.</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>عطّل الحساب</translation>
    </message>
    <message>
        <source>Disabling {name}…</source>
        <translation>جارٍ تعطيل {name}…</translation>
    </message>
    <message>
        <source>{count} active</source>
        <translation>{count} نشط</translation>
    </message>
    <message>
        <source>, {count} disabled</source>
        <translation>، {count} معطّل</translation>
    </message>
    <message>
        <source>The accounts could not be read: {error} Close and reopen this window to try again.</source>
        <translation>تعذّرت قراءة الحسابات: {error} أغلق هذه النافذة وافتحها مرة أخرى للمحاولة من جديد.</translation>
    </message>
    <message>
        <source>Added {name}: they can sign in as “{username}” now.</source>
        <translation>أُضيف {name}: يمكنه تسجيل الدخول باسم «{username}» الآن.</translation>
    </message>
    <message>
        <source>Correct it and press Add proctor again.</source>
        <translation>صحّحه واضغط «أضف المراقب» مرة أخرى.</translation>
    </message>
    <message>
        <source>The account was not added: {error} Check the connection to the center and try again.</source>
        <translation>لم يُضف الحساب: {error} تحقق من الاتصال بالمركز وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Disabled {name}: they were signed out and cannot sign in again.</source>
        <translation>عُطّل {name}: سُجّل خروجه ولا يمكنه الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>The account was not disabled: {error} Check the connection to the center and try again.</source>
        <translation>لم يُعطَّل الحساب: {error} تحقق من الاتصال بالمركز وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>You are signed in to {where} as {who}.</source>
        <translation>أنت مسجّل الدخول إلى {where} باسم {who}.</translation>
    </message>
</context>
<context>
    <name>QuitQuestion</name>
    <message>
        <source>1 exam is running.</source>
        <translation>يجري امتحان واحد.</translation>
    </message>
    <message>
        <source>{count} exams are running.</source>
        <translation>تجري {count} امتحانات.</translation>
    </message>
    <message>
        <source>Kiosks keep their frames and send them when the console is back, but until then nobody sees their snapshots and no warning reaches them.

Quit anyway?</source>
        <translation>تحتفظ الأجهزة بصورها وترسلها عند عودة وحدة التحكم، لكن حتى ذلك الحين لن يرى أحد صورها ولن يصلها أي تحذير.

هل تنهي البرنامج رغم ذلك؟</translation>
    </message>
    <message>
        <source>Quit Proctor Console?</source>
        <translation>هل تنهي وحدة تحكم المراقب؟</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>أبقِه يعمل</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>إنهاء البرنامج</translation>
    </message>
</context>
<context>
    <name>ReadinessCheck</name>
    <message>
        <source>This kiosk is ready for the exam.</source>
        <extracomment>The spool&apos;s disk must have this much room (about 4,000 snapshots of 50 KB). A kiosk clock further off the center&apos;s than this is a WARNING. Qt&apos;s translation (lupdate reads translate(&quot;Context&quot;, &quot;sentence&quot;) calls by this name too). The center presented another identity than this kiosk&apos;s pin (not a typing mistake): the kiosk shows its red page, as for any request refused so.</extracomment>
        <translation>هذا الجهاز جاهز للامتحان.</translation>
    </message>
    <message>
        <source>Ready, with a warning about {what} (see below).</source>
        <translation>جاهز، مع تحذير بشأن {what} (انظر أدناه).</translation>
    </message>
    <message>
        <source>Not ready, so the exam has not started. {problems} What to do is on the left; then press Start exam again.</source>
        <translation>غير جاهز، لذا لم يبدأ الامتحان. {problems} ما يجب فعله موضّح في اللوحة الجانبية؛ ثم اضغط «ابدأ الامتحان» مرة أخرى.</translation>
    </message>
    <message>
        <source>the camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>the exam center</source>
        <translation>مركز الامتحان</translation>
    </message>
    <message>
        <source>the folder for snapshots</source>
        <translation>مجلد الصور</translation>
    </message>
    <message>
        <source>this computer&apos;s clock</source>
        <translation>ساعة هذا الحاسوب</translation>
    </message>
    <message>
        <source>Check the network cable or Wi-Fi and the center&apos;s address, or call the invigilator.</source>
        <translation>تحقق من كابل الشبكة أو الواي فاي ومن عنوان المركز، أو نادِ المراقب في القاعة.</translation>
    </message>
    <message>
        <source>Camera not needed: this exam is not proctored.</source>
        <translation>لا حاجة إلى الكاميرا: هذا الامتحان بلا مراقبة.</translation>
    </message>
    <message>
        <source>The {camera} could not be opened ({error}).</source>
        <translation>تعذّر فتح {camera} ({error}).</translation>
    </message>
    <message>
        <source>The {camera} failed while giving a picture ({error}).</source>
        <translation>تعطّلت {camera} أثناء إعطاء صورة ({error}).</translation>
    </message>
    <message>
        <source>The {camera} gives a picture ({width}x{height}).</source>
        <translation>‏{camera} تعطي صورة ({width}x{height}).</translation>
    </message>
    <message>
        <source>The {camera} opened but gave no picture within {seconds} seconds.</source>
        <translation>فُتحت {camera} لكنها لم تعطِ صورة خلال {seconds} ثانية.</translation>
    </message>
    <message>
        <source>The clock was not compared: the center did not answer.</source>
        <translation>لم تُقارن الساعة: المركز لم يستجب.</translation>
    </message>
    <message>
        <source>Nothing to do now; it is compared again with the next check.</source>
        <translation>لا شيء تفعله الآن؛ تُقارن مرة أخرى في الفحص التالي.</translation>
    </message>
    <message>
        <source>The exam center at {url} cannot be reached.</source>
        <translation>تعذّر الوصول إلى مركز الامتحان على {url}.</translation>
    </message>
    <message>
        <source>The server did not accept this kiosk key.</source>
        <translation>لم يقبل الخادم مفتاح الجهاز هذا.</translation>
    </message>
    <message>
        <source>Check the key with the invigilator.</source>
        <translation>تحقق من المفتاح مع المراقب في القاعة.</translation>
    </message>
    <message>
        <source>The exam center answers but cannot run an exam now ({reason})</source>
        <translation>مركز الامتحان يستجيب لكنه لا يستطيع تشغيل امتحان الآن ({reason})</translation>
    </message>
    <message>
        <source>Wait a minute and press Start exam again; if it stays, call the invigilator.</source>
        <translation>انتظر دقيقة واضغط «ابدأ الامتحان» مرة أخرى؛ وإذا استمر ذلك، فنادِ المراقب في القاعة.</translation>
    </message>
    <message>
        <source>The exam center gave an unexpected answer ({error}).</source>
        <translation>أعطى مركز الامتحان إجابة غير متوقعة ({error}).</translation>
    </message>
    <message>
        <source>Call the invigilator.</source>
        <translation>نادِ المراقب في القاعة.</translation>
    </message>
    <message>
        <source>its identity checked against this kiosk&apos;s pin</source>
        <translation>تم التحقق من هويته مقابل البصمة المثبّتة في هذا الجهاز</translation>
    </message>
    <message>
        <source>over the network</source>
        <translation>عبر الشبكة</translation>
    </message>
    <message>
        <source>The exam center answers ({how}, version {version}).</source>
        <translation>مركز الامتحان يستجيب ({how}، الإصدار {version}).</translation>
    </message>
    <message>
        <source>The center did not say its time, so this computer&apos;s clock was not compared.</source>
        <translation>لم يذكر المركز وقته، لذا لم تُقارن ساعة هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Nothing to do: the exam&apos;s time is kept by the center.</source>
        <translation>لا شيء تفعله: وقت الامتحان يحفظه المركز.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock agrees with the center&apos;s (within {seconds} s).</source>
        <translation>ساعة هذا الحاسوب متوافقة مع ساعة المركز (بفارق {seconds} ث على الأكثر).</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} ahead of the center&apos;s.</source>
        <translation>ساعة هذا الحاسوب متقدمة بمقدار {duration} على ساعة المركز.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {duration} behind the center&apos;s.</source>
        <translation>ساعة هذا الحاسوب متأخرة بمقدار {duration} عن ساعة المركز.</translation>
    </message>
    <message>
        <source>Your exam time is kept by the center, so it is not affected. Ask the invigilator to set this computer&apos;s clock (automatic time).</source>
        <translation>وقت امتحانك يحفظه المركز، لذا لا يتأثر. اطلب من المراقب ضبط ساعة هذا الحاسوب (الوقت التلقائي).</translation>
    </message>
    <message>
        <source>Ask the invigilator to give the kiosk a folder it can write (--spool-dir or spool_dir in the kiosk&apos;s configuration).</source>
        <translation>اطلب من المراقب إعطاء الجهاز مجلدًا يمكنه الكتابة فيه (‎--spool-dir أو spool_dir في إعدادات الجهاز).</translation>
    </message>
    <message>
        <source>Snapshots cannot be kept in {folder} ({reason}).</source>
        <translation>لا يمكن حفظ الصور في {folder} ({reason}).</translation>
    </message>
    <message>
        <source>Only {free} free on the disk that keeps snapshots ({folder}); the exam needs {needed}.</source>
        <translation>المتاح {free} فقط على القرص الذي يحفظ الصور ({folder})؛ والامتحان يحتاج إلى {needed}.</translation>
    </message>
    <message>
        <source>Ask the invigilator to free space on this computer, or to choose another folder (--spool-dir).</source>
        <translation>اطلب من المراقب إفراغ مساحة على هذا الحاسوب، أو اختيار مجلد آخر (‎--spool-dir).</translation>
    </message>
    <message>
        <source>Snapshots can be kept on this computer ({size} free).</source>
        <translation>يمكن حفظ الصور على هذا الحاسوب ({size} متاحة).</translation>
    </message>
    <message>
        <source>Check that the webcam is plugged in and that no other program uses it, then press Start exam to check again. If it keeps failing, call the invigilator.</source>
        <translation>تأكد من توصيل كاميرا الويب ومن أن أي برنامج آخر لا يستخدمها، ثم اضغط «ابدأ الامتحان» للفحص مرة أخرى. إذا استمر العطل، فنادِ المراقب في القاعة.</translation>
    </message>
    <message>
        <source>Did you mean &apos;{word}&apos;?</source>
        <translation>هل تقصد &apos;{word}&apos;؟</translation>
    </message>
    <message>
        <source>The camera setting &apos;{setting}&apos; names no camera: it is not a camera number (0 is the first webcam), not &apos;synthetic&apos;, and no video file of that name exists.</source>
        <translation>إعداد الكاميرا &apos;{setting}&apos; لا يسمّي أي كاميرا: ليس رقم كاميرا (0 هي أول كاميرا ويب)، وليس &apos;synthetic&apos;، ولا يوجد ملف فيديو بهذا الاسم.</translation>
    </message>
    <message>
        <source>Ask the invigilator to correct the kiosk&apos;s camera setting (--camera, or camera in the kiosk&apos;s configuration file) and start the kiosk again.</source>
        <translation>اطلب من المراقب تصحيح إعداد الكاميرا في الجهاز (‎--camera، أو camera في ملف إعدادات الجهاز) وتشغيل الجهاز من جديد.</translation>
    </message>
    <message>
        <source>{size} GB</source>
        <translation>{size} غيغابايت</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} ميغابايت</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} س {minutes} د</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} د {seconds} ث</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} د</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} ث</translation>
    </message>
</context>
<context>
    <name>ReadinessPanel</name>
    <message>
        <source>READY</source>
        <extracomment>The verdict&apos;s words (shown through ReadinessPanel&apos;s translation).</extracomment>
        <translation>جاهز</translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation>تحذير</translation>
    </message>
    <message>
        <source>NOT READY</source>
        <translation>غير جاهز</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Exam center</source>
        <translation>مركز الامتحان</translation>
    </message>
    <message>
        <source>Snapshot folder</source>
        <translation>مجلد الصور</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>الساعة</translation>
    </message>
    <message>
        <source>Checking the camera, the exam center, the snapshot folder and the clock…</source>
        <translation>جارٍ فحص الكاميرا ومركز الامتحان ومجلد الصور والساعة…</translation>
    </message>
    <message>
        <source>Checking this kiosk…</source>
        <translation>جارٍ فحص هذا الجهاز…</translation>
    </message>
</context>
<context>
    <name>RemoteCenter</name>
    <message>
        <source>The exam center at {address} cannot be reached ({error}). Check that its server is running and the network is up; nothing was changed.</source>
        <translation>تعذّر الوصول إلى مركز الامتحان على {address} ‏({error}). تحقق من أن خادمه يعمل وأن الشبكة متصلة؛ لم يتغير شيء.</translation>
    </message>
    <message>
        <source>The exam center at {address} no longer accepts this console&apos;s admin key (it may have been changed, or the center set up again). Sign in again.</source>
        <extracomment>A 401 without ``invalid_token``: the center does not know the console&apos;s secret.</extracomment>
        <translation>لم يعد مركز الامتحان على {address} يقبل مفتاح المسؤول لهذه الوحدة (ربما غُيّر، أو أُعيد إعداد المركز). سجّل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>The exam center at {address} no longer accepts this console&apos;s sign-in (it may have been changed, or the center set up again). Sign in again.</source>
        <translation>لم يعد مركز الامتحان على {address} يقبل تسجيل دخول هذه الوحدة (ربما غُيّر، أو أُعيد إعداد المركز). سجّل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>The exam center answered {status} {reason}.</source>
        <translation>أجاب مركز الامتحان بـ {status} {reason}.</translation>
    </message>
    <message>
        <source>The exam center ended this console&apos;s sign-in. Sign in again.</source>
        <translation>أنهى مركز الامتحان تسجيل دخول هذه الوحدة. سجّل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>The exam center at {address} now serves HTTPS only, and this console never falls back to plain text: sign in again with its https:// address and fingerprint (File ▸ Connect to an exam center&apos;s server…).</source>
        <translation>صار مركز الامتحان على {address} يخدم عبر HTTPS فقط، وهذه الوحدة لا ترجع أبدًا إلى النص غير المشفّر: سجّل الدخول مرة أخرى بعنوانه https:// وبصمته (ملف ◂ الاتصال بخادم مركز امتحان…).</translation>
    </message>
    <message>
        <source>This console closed its connection to the exam center.</source>
        <translation>أغلقت هذه الوحدة اتصالها بمركز الامتحان.</translation>
    </message>
    <message>
        <source>{refusal} Ask the center&apos;s administrator to do this.</source>
        <translation>{refusal} اطلب من مسؤول المركز القيام بذلك.</translation>
    </message>
    <message>
        <source>{problem} The exam center at {address} may run another version of the software.</source>
        <translation>{problem} ربما يشغّل مركز الامتحان على {address} إصدارًا آخر من البرنامج.</translation>
    </message>
    <message>
        <source>The center at {address} gave another fingerprint than the one this console holds; nothing was exported.</source>
        <translation>أعطى المركز على {address} بصمة غير التي تحفظها هذه الوحدة؛ لم يُصدَّر شيء.</translation>
    </message>
    <message>
        <source>The exam center refused the console&apos;s secret.</source>
        <translation>رفض مركز الامتحان سرّ هذه الوحدة.</translation>
    </message>
</context>
<context>
    <name>RemoteConnectDialog</name>
    <message>
        <source>Connect kiosks</source>
        <translation>توصيل الأكشاك</translation>
    </message>
    <message>
        <source>Kiosks connect to the exam center at {address}. Set each one up once, with a one-time code or an enrolment file; the kiosk then checks the center&apos;s fingerprint before it sends anything.</source>
        <translation>تتصل الأكشاك بمركز الاختبار على {address}. أعدّ كل كشك مرة واحدة، برمز لمرة واحدة أو بملف تسجيل؛ ويتحقق الكشك بعدها من بصمة المركز قبل أن يرسل أي شيء.</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>البصمة</translation>
    </message>
    <message>
        <source>(none: the center does not use HTTPS, so only kiosks on its own computer connect)</source>
        <translation>(لا شيء: المركز لا يستخدم HTTPS، لذا لا تتصل إلا الأكشاك على حاسوبه نفسه)</translation>
    </message>
    <message>
        <source>shown when the center gives it (Show kiosk key)</source>
        <translation>يظهر عندما يعطيه المركز («إظهار مفتاح الكشك»)</translation>
    </message>
    <message>
        <source>Show kiosk key</source>
        <translation>إظهار مفتاح الكشك</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>سطر الأوامر</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>Kiosk key</source>
        <translation>مفتاح الكشك</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Copy {what}</source>
        <translation>نسخ {what}</translation>
    </message>
    <message>
        <source>Set up a kiosk</source>
        <translation>إعداد كشك</translation>
    </message>
    <message>
        <source>Export enrolment file…</source>
        <translation>تصدير ملف التسجيل…</translation>
    </message>
    <message>
        <source>Make a one-time code</source>
        <translation>إنشاء رمز لمرة واحدة</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Fingerprint starts with</source>
        <translation>تبدأ البصمة بـ</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>نُسخ</translation>
    </message>
    <message>
        <source>Asking the center…</source>
        <translation>جارٍ سؤال المركز…</translation>
    </message>
    <message>
        <source>Export enrolment file</source>
        <translation>تصدير ملف التسجيل</translation>
    </message>
    <message>
        <source>Enrolment files (*.json);;All files (*)</source>
        <translation>ملفات التسجيل (*.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Asking the center for the kiosk key…</source>
        <translation>جارٍ طلب مفتاح الكشك من المركز…</translation>
    </message>
    <message>
        <source>The enrolment file could not be saved as {path} ({error}). Choose another folder, a USB stick say, and export again.</source>
        <translation>تعذّر حفظ ملف التسجيل باسم {path} ({error}). اختر مجلدًا آخر، كذاكرة USB مثلًا، وصدّر مرة أخرى.</translation>
    </message>
    <message>
        <source>Saved {path} for {room} (only you can read it). It holds the kiosk key: delete it from the USB stick once the kiosk is enrolled.</source>
        <translation>حُفظ {path} للقاعة {room} (لا يقرؤه غيرك). يحوي مفتاح الكشك: احذفه من ذاكرة USB بعد تسجيل الكشك.</translation>
    </message>
    <message>
        <source>Saved {path} (only you can read it). It holds the kiosk key: delete it from the USB stick once the kiosk is enrolled.</source>
        <translation>حُفظ {path} (لا يقرؤه غيرك). يحوي مفتاح الكشك: احذفه من ذاكرة USB بعد تسجيل الكشك.</translation>
    </message>
    <message>
        <source>Asking the center for a code…</source>
        <translation>جارٍ طلب رمز من المركز…</translation>
    </message>
    <message>
        <source>It enrols the kiosk in {room}.</source>
        <translation>يسجّل الكشك في {room}.</translation>
    </message>
    <message>
        <source>This code expired at {time}. Make a new one for the next kiosk.</source>
        <translation>انتهت صلاحية هذا الرمز في {time}. أنشئ رمزًا جديدًا للكشك التالي.</translation>
    </message>
    <message>
        <source>On the kiosk, choose to enrol with a code and type the center&apos;s address ({address}), the code and these {count} digits. The code works once and expires {left} (at {time}).</source>
        <translation>على الكشك، اختر التسجيل برمز واكتب عنوان المركز ({address}) والرمز وهذه الأرقام الـ{count}. يصلح الرمز مرة واحدة وتنتهي صلاحيته {left} (في {time}).</translation>
    </message>
    <message>
        <source>{error} Nothing was made; try again.</source>
        <translation>{error} لم يُنشأ شيء؛ حاول مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <source>Center problems during the session</source>
        <translation>مشكلات المركز أثناء الجلسة</translation>
    </message>
    <message>
        <source>not counted against the candidate</source>
        <translation>لا تُحتسب على المرشّح</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <extracomment>Who an event came from, in the report&apos;s words.</extracomment>
        <translation>جهاز الاختبار</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>التحليل</translation>
    </message>
    <message>
        <source>Proctor</source>
        <translation>المراقب</translation>
    </message>
    <message>
        <source>System</source>
        <translation>النظام</translation>
    </message>
    <message>
        <source>No face</source>
        <extracomment>A snapshot&apos;s analysis badges (gallery_model.analysis_badges) in the report&apos;s words.</extracomment>
        <translation>لا وجه</translation>
    </message>
    <message>
        <source>Several faces</source>
        <translation>عدة وجوه</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>محجوبة</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>متجمدة</translation>
    </message>
    <message>
        <source>Too dark</source>
        <translation>معتمة جدًا</translation>
    </message>
    <message>
        <source>Looking away</source>
        <translation>ينظر بعيدًا</translation>
    </message>
    <message>
        <source>{count} faces</source>
        <extracomment>A digest as the report writes it: left to right and whole, in any language.</extracomment>
        <translation>{count} وجوه</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Proctoring report — {name}</source>
        <translation>تقرير المراقبة — {name}</translation>
    </message>
    <message>
        <source>Proctoring report</source>
        <translation>تقرير المراقبة</translation>
    </message>
    <message>
        <source>Warnings sent</source>
        <translation>التنبيهات المرسلة</translation>
    </message>
    <message>
        <source>Center problems</source>
        <translation>مشكلات المركز</translation>
    </message>
    <message>
        <source>{count}, listed after the timeline; {note}</source>
        <translation>{count}، مدرجة بعد السجل الزمني؛ {note}</translation>
    </message>
    <message>
        <source>Report made</source>
        <translation>أُعدّ التقرير</translation>
    </message>
    <message>
        <source>Timeline — {count} events, newest first</source>
        <translation>السجل الزمني — {count} حدثًا، الأحدث أولًا</translation>
    </message>
    <message>
        <source>{heading} — {count}, {note}</source>
        <translation>{heading} — {count}، {note}</translation>
    </message>
    <message>
        <source>Timeline (continued, page {number})</source>
        <translation>السجل الزمني (تابع، صفحة {number})</translation>
    </message>
    <message>
        <source>No events recorded.</source>
        <translation>لم تُسجَّل أحداث.</translation>
    </message>
    <message>
        <source> (continued)</source>
        <translation> (تابع)</translation>
    </message>
    <message>
        <source>Snapshots {first} to {last} of {count}, newest first — {name}</source>
        <translation>اللقطات {first} إلى {last} من {count}، الأحدث أولًا — {name}</translation>
    </message>
    <message>
        <source>Evidence chain</source>
        <translation>سلسلة الأدلة</translation>
    </message>
    <message>
        <source>not kept by this center (no evidence bundle to match)</source>
        <translation>لا يحفظها هذا المركز (لا حزمة أدلة للمطابقة)</translation>
    </message>
    <message>
        <source>{count} entries; proctor-verify prints the same head for this session&apos;s bundle</source>
        <translation>{count} مدخلًا؛ يطبع proctor-verify الرأس نفسه لحزمة هذه الجلسة</translation>
    </message>
    <message>
        <source>Chain head</source>
        <translation>رأس السلسلة</translation>
    </message>
    <message>
        <source>Evidence key</source>
        <translation>مفتاح الأدلة</translation>
    </message>
    <message>
        <source>Image unavailable</source>
        <extracomment>Text at the reading start of its box, in the middle of its height. The language&apos;s direction (QLocale&apos;s): right to left mirrors every box on the page.</extracomment>
        <translation>الصورة غير متاحة</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>The evidence shows nothing against the rules.</source>
        <translation>لا تُظهر الأدلة شيئًا مخالفًا للقواعد.</translation>
    </message>
    <message>
        <source>Something looks wrong but the evidence is not conclusive.</source>
        <translation>يبدو أن هناك خطأ ما لكن الأدلة غير قاطعة.</translation>
    </message>
    <message>
        <source>The evidence shows a breach of the exam rules.</source>
        <translation>تُظهر الأدلة مخالفة لقواعد الاختبار.</translation>
    </message>
    <message>
        <source>Review — {name}</source>
        <translation>مراجعة — {name}</translation>
    </message>
    <message>
        <source>Review the session</source>
        <translation>راجع الجلسة</translation>
    </message>
    <message>
        <source>Mark the session of {name} ({exam}) as reviewed: choose what the evidence shows.</source>
        <translation>علّم جلسة {name} ‏({exam}) بأنها رُوجعت: اختر ما تُظهره الأدلة.</translation>
    </message>
    <message>
        <source>Note for the record (optional):</source>
        <translation>ملاحظة للسجل (اختيارية):</translation>
    </message>
    <message>
        <source>What you saw, with snapshot times if it helps.</source>
        <translation>ما رأيته، مع أوقات اللقطات إن كان ذلك مفيدًا.</translation>
    </message>
    <message>
        <source>Save review</source>
        <translation>حفظ المراجعة</translation>
    </message>
    <message>
        <source>The note is too long: at most {count} characters.</source>
        <translation>الملاحظة طويلة جدًا: {count} حرف على الأكثر.</translation>
    </message>
</context>
<context>
    <name>ServerStatusWidget</name>
    <message>
        <source>Retry</source>
        <translation>أعد المحاولة</translation>
    </message>
    <message>
        <source>Use a free port</source>
        <translation>استخدم منفذًا متاحًا</translation>
    </message>
    <message>
        <source>Kiosks connect to {address}  ·  API up</source>
        <translation>تتصل الأجهزة بـ {address}  ·  واجهة API تعمل</translation>
    </message>
    <message>
        <source>The HTTP API is running. File ▸ Connect kiosks shows the key and the command line for a kiosk.</source>
        <translation>واجهة HTTP API تعمل. ملف ◂ ربط الأجهزة يبيّن المفتاح وسطر الأوامر لجهاز الامتحان.</translation>
    </message>
    <message>
        <source>The API server is not running.</source>
        <translation>خادم API لا يعمل.</translation>
    </message>
    <message>
        <source>Kiosks cannot connect: {problem}</source>
        <translation>لا تستطيع الأجهزة الاتصال: {problem}</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>Select a session first.</source>
        <extracomment>Show failures in a message box (the signal is emitted either way).</extracomment>
        <translation>اختر جلسة أولًا.</translation>
    </message>
    <message>
        <source>Sample sessions are for display only: actions are off.</source>
        <translation>الجلسات النموذجية للعرض فقط: الإجراءات معطّلة.</translation>
    </message>
    <message>
        <source>This session has ended: actions are off.</source>
        <translation>انتهت هذه الجلسة: الإجراءات معطّلة.</translation>
    </message>
    <message>
        <source>The flag was not added; the console shows the session as it is now.</source>
        <extracomment>What to do next when the center refused the action because of the session&apos;s state (HTTP 409), say because another proctor terminated the exam first.</extracomment>
        <translation>لم تُضف العلامة؛ تعرض وحدة التحكم الجلسة كما هي الآن.</translation>
    </message>
    <message>
        <source>The warning was not sent; the console shows the session as it is now.</source>
        <translation>لم يُرسل التنبيه؛ تعرض وحدة التحكم الجلسة كما هي الآن.</translation>
    </message>
    <message>
        <source>There is nothing more to do; the console shows the session as it is now.</source>
        <translation>لا شيء آخر يُفعل؛ تعرض وحدة التحكم الجلسة كما هي الآن.</translation>
    </message>
    <message>
        <source>The console shows the session as it is now.</source>
        <translation>تعرض وحدة التحكم الجلسة كما هي الآن.</translation>
    </message>
    <message>
        <source>No time was added; the console shows the session as it is now.</source>
        <translation>لم يُضف وقت؛ تعرض وحدة التحكم الجلسة كما هي الآن.</translation>
    </message>
    <message>
        <source>Could not flag the session</source>
        <extracomment>A message box&apos;s title when an action failed.</extracomment>
        <translation>تعذّر وضع علامة على الجلسة</translation>
    </message>
    <message>
        <source>Could not send the warning</source>
        <translation>تعذّر إرسال التنبيه</translation>
    </message>
    <message>
        <source>Could not terminate the exam</source>
        <translation>تعذّر إنهاء الاختبار</translation>
    </message>
    <message>
        <source>Could not pause the exam</source>
        <translation>تعذّر إيقاف الاختبار مؤقتًا</translation>
    </message>
    <message>
        <source>Could not resume the exam</source>
        <translation>تعذّر استئناف الاختبار</translation>
    </message>
    <message>
        <source>Could not add time</source>
        <translation>تعذّرت إضافة الوقت</translation>
    </message>
    <message>
        <source>Pick an active session in the grid to act on it.</source>
        <translation>اختر جلسة نشطة في الشبكة لتتصرف فيها.</translation>
    </message>
    <message>
        <source>It may have been removed; press F5 to refresh the grid.</source>
        <translation>ربما أُزيلت؛ اضغط F5 لتحديث الشبكة.</translation>
    </message>
    <message>
        <source>Correct it and try again.</source>
        <translation>صحّحه وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>لم يتغيّر شيء.</translation>
    </message>
    <message>
        <source>{title}: {error}. Nothing was changed. Check that the console&apos;s data folder is reachable and try again; the log has the details.</source>
        <translation>{title}: {error}. لم يتغيّر شيء. تحقّق من إمكانية الوصول إلى مجلد بيانات وحدة التحكم وحاول مرة أخرى؛ التفاصيل في السجل.</translation>
    </message>
</context>
<context>
    <name>SessionCardDelegate</name>
    <message>
        <source>{time} left</source>
        <extracomment>Under five minutes left, the clock turns red. Rendered card layers kept for repaints: about three screens of cards at 1080p (21 MB at a device pixel ratio of 1, four times that at 2). &quot;42:10 left&quot; texts kept as small pixmaps (a second&apos;s worth of visible cards, and more). Where a card&apos;s lines of words start (left to right), after the picture. The status word before the live time left (&quot;Active · &quot;), by card width. How many card layers were rendered (the rest of the paints were blits).</extracomment>
        <translation>متبقٍ {time}</translation>
    </message>
    <message>
        <source>Warning seen</source>
        <translation>شوهد التحذير</translation>
    </message>
    <message>
        <source>Warning seen {time}</source>
        <translation>شوهد التحذير {time}</translation>
    </message>
    <message>
        <source>Warned</source>
        <translation>حُذّر</translation>
    </message>
    <message>
        <source>Warned {time}</source>
        <translation>حُذّر {time}</translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation>المقعد {seat}</translation>
    </message>
    <message>
        <source>Camera off</source>
        <translation>الكاميرا مطفأة</translation>
    </message>
    <message>
        <source>No face</source>
        <translation>لا وجه</translation>
    </message>
    <message numerus="yes">
        <source>%Ln faces</source>
        <translation>
            <numerusform>%Ln وجه</numerusform>
            <numerusform>وجه واحد</numerusform>
            <numerusform>وجهان</numerusform>
            <numerusform>%Ln وجوه</numerusform>
            <numerusform>%Ln وجهًا</numerusform>
            <numerusform>%Ln وجه</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused · {time} left</source>
        <translation>متوقف · متبقٍ {time}</translation>
    </message>
    <message>
        <source>{count} · last {time}</source>
        <translation>{count} · آخرها {time}</translation>
    </message>
    <message>
        <source>No snapshots yet</source>
        <translation>لا صور بعد</translation>
    </message>
    <message>
        <source>Risk {score} · {level}</source>
        <translation>الخطورة {score} · {level}</translation>
    </message>
    <message>
        <source>Kiosk closed</source>
        <translation>الجهاز مغلق</translation>
    </message>
    <message>
        <source>Kiosk offline · {waited}</source>
        <translation>الجهاز غير متصل · {waited}</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>نموذج</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>متوقف</translation>
    </message>
    <message>
        <source>Review: {outcome}</source>
        <translation>المراجعة: {outcome}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} ث</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} د</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} س</translation>
    </message>
</context>
<context>
    <name>SessionDetailsWindow</name>
    <message>
        <source>Session details</source>
        <extracomment>After a lost center comes back: how many of the newest snapshots are checked for ones the window missed (the live stream resumes without gaps; this covers a stream reset).</extracomment>
        <translation>تفاصيل الجلسة</translation>
    </message>
    <message>
        <source>{problem}. Close this window and open the session again.</source>
        <translation>{problem}. أغلق هذه النافذة وافتح الجلسة مرة أخرى.</translation>
    </message>
    <message>
        <source>{name} — {exam} · Session details</source>
        <translation>{name} — {exam} · تفاصيل الجلسة</translation>
    </message>
    <message>
        <source>Session unavailable</source>
        <translation>الجلسة غير متاحة</translation>
    </message>
    <message>
        <source>The session could not be refreshed: {error}. The facts shown may be out of date; they refresh with the next change.</source>
        <translation>تعذّر تحديث الجلسة: {error}. قد تكون المعلومات المعروضة قديمة؛ تتحدّث مع التغيير التالي.</translation>
    </message>
    <message>
        <source>{row} of {total}, newest first</source>
        <translation>{row} من {total}، الأحدث أولًا</translation>
    </message>
    <message>
        <source> ({count} loaded)</source>
        <translation> (المحمّل: {count})</translation>
    </message>
    <message>
        <source>Snapshots · {count}</source>
        <translation>اللقطات · {count}</translation>
    </message>
    <message>
        <source>The review was saved.</source>
        <translation>حُفظت المراجعة.</translation>
    </message>
    <message>
        <source>The review was not saved: {error}</source>
        <translation>لم تُحفظ المراجعة: {error}</translation>
    </message>
    <message>
        <source>Report saved to {path}</source>
        <translation>حُفظ التقرير في {path}</translation>
    </message>
    <message>
        <source>The report could not be saved to {path}: {error}. Choose another folder and try again.</source>
        <translation>تعذّر حفظ التقرير في {path}: {error}. اختر مجلدًا آخر وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب أي ملف.</translation>
    </message>
    <message>
        <source>Image saved to {path}</source>
        <translation>حُفظت الصورة في {path}</translation>
    </message>
    <message>
        <source>Evidence bundle saved to {path}. Anyone can check it offline with: {command}</source>
        <translation>حُفظت حزمة الأدلة في {path}. يمكن لأي شخص التحقق منها دون اتصال بالأمر: {command}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>فتح المجلد</translation>
    </message>
</context>
<context>
    <name>SessionFacts</name>
    <message>
        <source>Ended</source>
        <translation>الانتهاء</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>انتهى الوقت</translation>
    </message>
    <message>
        <source>Ended</source>
        <comment>time left</comment>
        <translation>انتهت</translation>
    </message>
    <message>
        <source>Not reviewed yet. Report made during the session at {time}; the session was still running</source>
        <translation>لم تُراجَع بعد. أُعدّ التقرير أثناء الجلسة عند {time}؛ كانت الجلسة ما زالت جارية</translation>
    </message>
    <message>
        <source>Not reviewed yet</source>
        <translation>لم تُراجَع بعد</translation>
    </message>
    <message>
        <source>{outcome} (reviewed {time}{by})</source>
        <translation>{outcome} (رُوجعت {time}{by})</translation>
    </message>
    <message>
        <source>The snapshots of this session were deleted after the retention period. The timeline below is kept.</source>
        <translation>حُذفت لقطات هذه الجلسة بعد انقضاء مدة الاحتفاظ. الخط الزمني أدناه محفوظ.</translation>
    </message>
    <message>
        <source>No snapshot yet. The kiosk sends the first one within a few seconds of the camera opening; it appears here by itself.</source>
        <translation>لا توجد لقطة بعد. يرسل الكشك أول لقطة خلال ثوانٍ من تشغيل الكاميرا؛ وتظهر هنا تلقائيًا.</translation>
    </message>
    <message>
        <source>This session has no snapshots.</source>
        <translation>لا توجد لقطات لهذه الجلسة.</translation>
    </message>
    <message>
        <source>Not given by the kiosk</source>
        <translation>لم يذكره جهاز الاختبار</translation>
    </message>
    <message>
        <source>{count}, the last at {time}</source>
        <translation>{count}، آخرها عند {time}</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>المرشّح</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>المقعد</translation>
    </message>
    <message>
        <source>Exam</source>
        <translation>الاختبار</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>ما زالت جارية</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>الموعد النهائي</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>الوقت المستغرق</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>الوقت المتبقي</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>اللقطات</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>العلامة</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>متوقفة مؤقتًا</translation>
    </message>
    <message>
        <source>Extra time</source>
        <translation>وقت إضافي</translation>
    </message>
    <message>
        <source>Accommodation</source>
        <translation>التسهيلات</translation>
    </message>
</context>
<context>
    <name>SessionHeader</name>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>تجريبية</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>القاعة</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>المقعد</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>الموعد النهائي</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>الوقت المتبقي</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>اللقطات</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <source>Camera off: the kiosk reports its camera as unavailable. The newest snapshot was taken before that; the timeline shows when.</source>
        <translation>الكاميرا متوقفة: يفيد الكشك بأن كاميرته غير متاحة. التُقطت أحدث لقطة قبل ذلك؛ ويبيّن الخط الزمني متى.</translation>
    </message>
    <message>
        <source>The exam room the kiosk was enrolled in</source>
        <translation>قاعة الاختبار التي سُجّل فيها الكشك</translation>
    </message>
    <message>
        <source>Where the candidate sits, as the kiosk says</source>
        <translation>مكان جلوس المرشح كما يفيد الكشك</translation>
    </message>
    <message>
        <source>{paused}. The clock stands still; resume to give the candidate the time back.</source>
        <translation>{paused}. الساعة متوقفة؛ استأنف لتعيد الوقت إلى المرشح.</translation>
    </message>
    <message>
        <source>Last snapshot {time}</source>
        <translation>آخر لقطة {time}</translation>
    </message>
    <message>
        <source>No snapshot yet</source>
        <translation>لا توجد لقطة بعد</translation>
    </message>
    <message>
        <source>Review: {review}</source>
        <translation>المراجعة: {review}</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>الوقت المستغرق</translation>
    </message>
</context>
<context>
    <name>SessionPages</name>
    <message>
        <source>&lt;h2&gt;This is a sample session&lt;/h2&gt;&lt;p&gt;Sample sessions appear in the Proctor Center while no real exam is running, so the screen shows what a live session looks like. They are made up: nobody is taking an exam, and they hold no snapshots, no events and no evidence.&lt;/p&gt;&lt;p&gt;Flag, warn, terminate, review and export are switched off for samples.&lt;/p&gt;&lt;p&gt;&lt;b&gt;To see a real session&lt;/b&gt;, start an exam on a candidate kiosk. It appears in the Proctor Center within a few seconds, and the samples go away.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;هذه جلسة تجريبية&lt;/h2&gt;&lt;p&gt;تظهر الجلسات التجريبية في مركز المراقبة ما دام لا يجري اختبار حقيقي، لتُظهر الشاشة كيف تبدو الجلسة الجارية. إنها مختلَقة: لا أحد يؤدي اختبارًا، ولا تحوي لقطات ولا أحداثًا ولا أدلة.&lt;/p&gt;&lt;p&gt;وضع العلامة والتحذير والإنهاء والمراجعة والتصدير معطّلة للجلسات التجريبية.&lt;/p&gt;&lt;p&gt;&lt;b&gt;لرؤية جلسة حقيقية&lt;/b&gt;، ابدأ اختبارًا على كشك مرشح. تظهر في مركز المراقبة خلال ثوانٍ، وتختفي الجلسات التجريبية.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;This session could not be opened&lt;/h2&gt;&lt;p&gt;{error}&lt;/p&gt;&lt;p&gt;It may have been removed. Close this window and choose the session again in the Proctor Center.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;تعذّر فتح هذه الجلسة&lt;/h2&gt;&lt;p&gt;{error}&lt;/p&gt;&lt;p&gt;ربما أُزيلت. أغلق هذه النافذة واختر الجلسة مرة أخرى في مركز المراقبة.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>SessionRules</name>
    <message>
        <source>Seat {seat}</source>
        <translation>المقعد {seat}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>متبقٍ {time}</translation>
    </message>
    <message>
        <source>Snapshots: {count}, the last at {time}</source>
        <translation>اللقطات: {count}، آخرها الساعة {time}</translation>
    </message>
    <message>
        <source>Kiosk closed at {time}: the candidate&apos;s exam window is not open</source>
        <translation>أُغلق الجهاز الساعة {time}: نافذة امتحان المرشح غير مفتوحة</translation>
    </message>
    <message>
        <source>Last word from the kiosk {ago}: it may be offline</source>
        <translation>آخر تواصل من الجهاز {ago}: ربما انقطع اتصاله</translation>
    </message>
    <message>
        <source>Risk {score} ({level})</source>
        <translation>الخطورة {score} ‏({level})</translation>
    </message>
    <message>
        <source>Camera off: the kiosk reports its camera as unavailable</source>
        <translation>الكاميرا متوقفة: يبلّغ الجهاز أن كاميرته غير متاحة</translation>
    </message>
    <message>
        <source>Warning sent at {sent}, acknowledged at {seen}</source>
        <translation>أُرسل تحذير الساعة {sent}، وأُقرّ به الساعة {seen}</translation>
    </message>
    <message>
        <source>Warning sent at {sent}, not acknowledged yet</source>
        <translation>أُرسل تحذير الساعة {sent}، ولم يُقرّ به بعد</translation>
    </message>
    <message>
        <source>Accommodation: {what}</source>
        <translation>التسهيلات: {what}</translation>
    </message>
    <message>
        <source>Review: {outcome}</source>
        <translation>المراجعة: {outcome}</translation>
    </message>
    <message>
        <source>Sample session (demo data): actions are off</source>
        <translation>جلسة نموذجية (بيانات عرض): الإجراءات متوقفة</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>Saved: the alert settings now in force.</extracomment>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Saved for this data folder and used from the moment you press Save.</source>
        <translation>تُحفظ لمجلد البيانات هذا وتُستخدم منذ لحظة ضغطك «حفظ».</translation>
    </message>
    <message>
        <source>Alert me when</source>
        <translation>نبّهني عندما</translation>
    </message>
    <message>
        <source> s</source>
        <translation> ث</translation>
    </message>
    <message>
        <source>A kiosk is silent after</source>
        <translation>يُعدّ الكشك صامتًا بعد</translation>
    </message>
    <message>
        <source>…without contact with the center (camera or not), or {count} of its exam&apos;s snapshot intervals if that is longer. A warning counts as unacknowledged after one minute.</source>
        <translation>…دون اتصال بالمركز (بكاميرا أو دونها)، أو {count} من فواصل لقطات اختباره إن كان ذلك أطول. يُعدّ التحذير دون إقرار بعد دقيقة واحدة.</translation>
    </message>
    <message>
        <source>How a new alert reaches you</source>
        <translation>كيف يصلك تنبيه جديد</translation>
    </message>
    <message>
        <source>Show a desktop notification</source>
        <translation>إظهار إشعار على سطح المكتب</translation>
    </message>
    <message>
        <source>Play the alert sound</source>
        <translation>تشغيل صوت التنبيه</translation>
    </message>
    <message>
        <source>This desktop has no notification area, so alerts show only in the Alerts list and on the Alerts button.</source>
        <translation>لا توجد منطقة إشعارات في سطح المكتب هذا، لذا تظهر التنبيهات في قائمة التنبيهات وعلى زر التنبيهات فقط.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>جارٍ تسجيل الدخول…</translation>
    </message>
    <message>
        <source>Type the exam center&apos;s address, for example {example}.</source>
        <extracomment>What proctor-server prints before the fingerprint, and a word people copy along with it.</extracomment>
        <translation>اكتب عنوان مركز الامتحان، مثل {example}.</translation>
    </message>
    <message>
        <source>“{text}” is not an address a center answers on: write it like {example}.</source>
        <translation>«{text}» ليس عنوانًا يستجيب عليه مركز: اكتبه مثل {example}.</translation>
    </message>
    <message>
        <source>Sign in to an exam center</source>
        <extracomment>The signed-in center once the dialog is accepted. The field the cursor starts in when the dialog shows (None: the first empty one).</extracomment>
        <translation>تسجيل الدخول إلى مركز امتحان</translation>
    </message>
    <message>
        <source>Use the address of the center&apos;s server and the account its administrator made for you.</source>
        <translation>استخدم عنوان خادم المركز والحساب الذي أنشأه لك مسؤوله.</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>مثلًا {example}</translation>
    </message>
    <message>
        <source>e.g. dana</source>
        <translation>مثلًا dana</translation>
    </message>
    <message>
        <source>sha256:… (for an https address)</source>
        <translation>sha256:… (لعنوان https)</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>عنوان الخادم</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>proctor-server --show-keys prints it on the center&apos;s server.</source>
        <translation>يطبعه الأمر proctor-server --show-keys على خادم المركز.</translation>
    </message>
    <message>
        <source>Admin key</source>
        <translation>مفتاح المسؤول</translation>
    </message>
    <message>
        <source>Sign in with the center&apos;s admin key instead</source>
        <translation>سجّل الدخول بمفتاح مسؤول المركز بدلًا من ذلك</translation>
    </message>
    <message>
        <source>For the center&apos;s administrator, who manages proctor accounts.</source>
        <translation>لمسؤول المركز الذي يدير حسابات المراقبين.</translation>
    </message>
    <message>
        <source>The center&apos;s Connect kiosks window shows it, and so does the “certificate sha256 …” line proctor-server prints when it starts. It is remembered for this address.</source>
        <translation>تعرضها نافذة «ربط الأجهزة» في المركز، وكذلك سطر «certificate sha256 …» الذي يطبعه proctor-server عند بدئه. تُحفظ لهذا العنوان.</translation>
    </message>
    <message>
        <source>Center fingerprint</source>
        <translation>بصمة المركز</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Paste the center&apos;s admin key first.</source>
        <translation>الصق مفتاح مسؤول المركز أولًا.</translation>
    </message>
    <message>
        <source>Type your username first.</source>
        <translation>اكتب اسم المستخدم أولًا.</translation>
    </message>
    <message>
        <source>Type your password first.</source>
        <translation>اكتب كلمة المرور أولًا.</translation>
    </message>
    <message>
        <source>The center at {url} uses its own certificate, so this console needs its fingerprint: paste it into Center fingerprint.</source>
        <translation>يستخدم المركز على {url} شهادته الخاصة، لذا تحتاج وحدة التحكم هذه إلى بصمته: الصقها في «بصمة المركز».</translation>
    </message>
    <message>
        <source>Nothing answered at {url}. Check the server address and its port, and that the center&apos;s server is running.</source>
        <translation>لم يستجب شيء على {url}. تحقق من عنوان الخادم ومنفذه، ومن أن خادم المركز يعمل.</translation>
    </message>
    <message>
        <source>The center refused this admin key. Copy it again from the center&apos;s server and paste it here.</source>
        <translation>رفض المركز مفتاح المسؤول هذا. انسخه مرة أخرى من خادم المركز والصقه هنا.</translation>
    </message>
    <message>
        <source>This is not the center&apos;s admin key (it may be the kiosk key). Paste the admin key, or sign in with a proctor account.</source>
        <translation>هذا ليس مفتاح مسؤول المركز (قد يكون مفتاح الأجهزة). الصق مفتاح المسؤول، أو سجّل الدخول بحساب مراقب.</translation>
    </message>
    <message>
        <source>Signing in did not work: {error} Check the address and try again.</source>
        <translation>لم ينجح تسجيل الدخول: {error} تحقق من العنوان وحاول مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>SnapshotPreview</name>
    <message>
        <source>Select a snapshot to see it large.</source>
        <translation>اختر لقطة لتراها كبيرة.</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>حفظ الصورة…</translation>
    </message>
    <message>
        <source>Save this snapshot as the original JPEG file</source>
        <translation>احفظ هذه اللقطة بملف JPEG الأصلي</translation>
    </message>
    <message>
        <source>Captured {time}</source>
        <extracomment>There are nearby events to list; they show when the picture keeps its minimum height beside them (on a short window the list gives way: the timeline has them).</extracomment>
        <translation>التُقطت {time}</translation>
    </message>
    <message>
        <source>No events within {seconds} s of this snapshot.</source>
        <translation>لا أحداث خلال {seconds} ث من هذه اللقطة.</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>و{count} غيرها</translation>
    </message>
    <message>
        <source>Events within {seconds} s:</source>
        <translation>الأحداث خلال {seconds} ث:</translation>
    </message>
    <message>
        <source>This snapshot&apos;s image could not be opened ({error}). Choose another snapshot.</source>
        <translation>تعذّر فتح صورة هذه اللقطة ({error}). اختر لقطة أخرى.</translation>
    </message>
</context>
<context>
    <name>SortLabels</name>
    <message>
        <source>Needs attention first</source>
        <translation>ما يحتاج انتباهًا أولًا</translation>
    </message>
    <message>
        <source>Name (A to Z)</source>
        <translation>الاسم (أ إلى ي)</translation>
    </message>
    <message>
        <source>Newest start first</source>
        <translation>الأحدث بدءًا أولًا</translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <source>Media storage is full: {free} free of {total}. New snapshots are refused until space is freed; delete old evidence or move the media root now.</source>
        <translation>مساحة الوسائط ممتلئة: {free} متاحة من {total}. تُرفض الصور الجديدة حتى تُفرغ مساحة؛ احذف الأدلة القديمة أو انقل مجلد الوسائط الآن.</translation>
    </message>
    <message>
        <source>Media storage is running low: {free} free of {total} ({share}). Free some space before snapshots are refused.</source>
        <translation>مساحة الوسائط توشك على النفاد: {free} متاحة من {total} ({share}). أفرغ بعض المساحة قبل أن تُرفض الصور.</translation>
    </message>
    <message>
        <source>The media storage cannot be measured ({reason}). Check that its disk or share is mounted.</source>
        <translation>تعذّر قياس مساحة الوسائط ({reason}). تحقق من أن قرصها أو مجلدها المشترك موصول.</translation>
    </message>
</context>
<context>
    <name>TerminateDialog</name>
    <message>
        <source>Terminate the exam of {name}?</source>
        <translation>هل تنهي امتحان {name}؟</translation>
    </message>
    <message>
        <source>The attempt ends now for {name} ({ref}) and cannot be resumed. The session is closed as cancelled and your reason goes on its timeline.</source>
        <translation>تنتهي محاولة {name} ({ref}) الآن ولا يمكن استئنافها. تُغلق الجلسة كملغاة ويُسجَّل سببك في سجلها الزمني.</translation>
    </message>
    <message>
        <source>Terminate exam</source>
        <translation>أنهِ الامتحان</translation>
    </message>
    <message>
        <source>Why is this exam being ended? (required)</source>
        <translation>لماذا يُنهى هذا الامتحان؟ (مطلوب)</translation>
    </message>
    <message>
        <source>I have checked: end this exam now.</source>
        <translation>تحققت: أنهِ هذا الامتحان الآن.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Write the reason for ending the exam.</source>
        <translation>اكتب سبب إنهاء الامتحان.</translation>
    </message>
    <message>
        <source>Tick the confirmation to end the exam.</source>
        <translation>ضع علامة التأكيد لإنهاء الامتحان.</translation>
    </message>
</context>
<context>
    <name>TimelineDelegate</name>
    <message>
        <source> by </source>
        <translation> بواسطة </translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Kiosk</source>
        <extracomment>the EventDTO str aware datetime &quot;Left the exam window&quot;, &quot;Flagged by Dana Lee&quot; str (&quot;&quot; when none) &quot;kiosk&quot; | &quot;analysis&quot; | &quot;proctor&quot; | &quot;system&quot; &quot;Kiosk&quot;, &quot;Analysis&quot;, ... &quot;danger&quot; | &quot;warn&quot; | &quot;ok&quot; | &quot;info&quot; | &quot;center&quot; Who did it: &quot;Dana Lee&quot;, &quot;the administrator&quot;; &quot;&quot; for kiosk, analysis and system events. The whole entry in one line: &quot;Flagged by Dana Lee — Looking away&quot;.</extracomment>
        <translation>الكشك</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>التحليل</translation>
    </message>
    <message>
        <source>Proctor</source>
        <translation>المراقب</translation>
    </message>
    <message>
        <source>System</source>
        <translation>النظام</translation>
    </message>
    <message>
        <source>Timeline · {count} events</source>
        <extracomment>How an event type reads at a glance (colour of its dot); everything else is &quot;info&quot;. The severity of the center&apos;s own problems: a neutral tone, apart from the candidate&apos;s evidence.</extracomment>
        <translation>الخط الزمني · الأحداث: {count}</translation>
    </message>
    <message>
        <source> · 1 center problem</source>
        <translation> · مشكلة واحدة في المركز</translation>
    </message>
    <message>
        <source> · {count} center problems</source>
        <translation> · مشكلات المركز: {count}</translation>
    </message>
    <message>
        <source>High risk</source>
        <extracomment>Which alert a proctor acknowledged or dismissed (the event&apos;s detail is the alert&apos;s key).</extracomment>
        <translation>خطورة عالية</translation>
    </message>
    <message>
        <source>Camera off</source>
        <translation>الكاميرا متوقفة</translation>
    </message>
    <message>
        <source>Kiosk silent</source>
        <translation>الكشك صامت</translation>
    </message>
    <message>
        <source>Warning unanswered</source>
        <translation>تحذير بلا رد</translation>
    </message>
</context>
<context>
    <name>UploadLink</name>
    <message>
        <source>A snapshot could not be sent. Trying again…</source>
        <translation>تعذّر إرسال صورة. جارٍ المحاولة مرة أخرى…</translation>
    </message>
    <message>
        <source>Snapshots are being sent again.</source>
        <translation>يُعاد إرسال الصور الآن.</translation>
    </message>
    <message>
        <source>The server refused a snapshot: {reason}</source>
        <translation>رفض الخادم صورة: {reason}</translation>
    </message>
</context>
<context>
    <name>UploadWorker</name>
    <message>
        <source>The exam server cannot be reached.</source>
        <extracomment>A frame the server refuses with one of these will never be accepted: drop it.</extracomment>
        <translation>تعذّر الوصول إلى خادم الامتحان.</translation>
    </message>
    <message>
        <source>The server could not store them (error {status}).</source>
        <translation>لم يستطع الخادم حفظها (الخطأ {status}).</translation>
    </message>
    <message>
        <source>The upload failed on this computer.</source>
        <translation>فشل الرفع على هذا الحاسوب.</translation>
    </message>
    <message>
        <source>The server gave an unexpected answer ({status}).</source>
        <translation>أعطى الخادم إجابة غير متوقعة ({status}).</translation>
    </message>
</context>
<context>
    <name>WarnDialog</name>
    <message>
        <source>Please keep your face in view of the camera.</source>
        <extracomment>Ready messages (sent in the proctor&apos;s language: the console&apos;s).</extracomment>
        <translation>يُرجى إبقاء وجهك أمام الكاميرا.</translation>
    </message>
    <message>
        <source>Please keep your eyes on your own screen.</source>
        <translation>يُرجى إبقاء عينيك على شاشتك.</translation>
    </message>
    <message>
        <source>Please put away your phone and notes.</source>
        <translation>يُرجى إبعاد هاتفك وملاحظاتك.</translation>
    </message>
    <message>
        <source>Only you may be in the room during the exam.</source>
        <translation>لا يُسمح بوجود أحد غيرك في الغرفة أثناء الامتحان.</translation>
    </message>
    <message>
        <source>Please stay in the exam window.</source>
        <translation>يُرجى البقاء في نافذة الامتحان.</translation>
    </message>
    <message>
        <source>Warn {name}</source>
        <translation>تحذير {name}</translation>
    </message>
    <message>
        <source>The message appears on the candidate&apos;s kiosk at once and stays until they acknowledge it. It goes on the session&apos;s timeline.</source>
        <translation>تظهر الرسالة على جهاز المترشح فورًا وتبقى حتى يؤكد قراءتها. وتُسجَّل في السجل الزمني للجلسة.</translation>
    </message>
    <message>
        <source>Send warning</source>
        <translation>أرسل التحذير</translation>
    </message>
    <message>
        <source>Write your own…</source>
        <translation>اكتب بنفسك…</translation>
    </message>
    <message>
        <source>Type the message the candidate will read.</source>
        <translation>اكتب الرسالة التي سيقرؤها المترشح.</translation>
    </message>
    <message>
        <source>Ready message</source>
        <translation>رسالة جاهزة</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>الرسالة</translation>
    </message>
    <message>
        <source>Write a message or pick a ready one.</source>
        <translation>اكتب رسالة أو اختر رسالة جاهزة.</translation>
    </message>
</context>
<context>
    <name>WebhooksDialog</name>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Hears</source>
        <translation>يسمع</translation>
    </message>
    <message>
        <source>Last delivered</source>
        <translation>آخر تسليم</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>الإخفاقات</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>المحاولة التالية</translation>
    </message>
    <message>
        <source>Only the center&apos;s administrator manages webhooks. Ask them to add or remove one.</source>
        <translation>مسؤول المركز وحده يدير خطافات الويب. اطلب منه إضافة خطاف أو إزالته.</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>أخفق: {count}</translation>
    </message>
    <message>
        <source>{count} retrying</source>
        <translation>يُعاد: {count}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>every event</source>
        <translation>كل حدث</translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>خطافات الويب</translation>
    </message>
    <message>
        <source>The exam system hears what happened: each change is sent, signed, to these addresses, and tried again for a day while it does not answer.</source>
        <translation>يسمع نظام الاختبارات بما حدث: يُرسل كل تغيير، موقّعًا، إلى هذه العناوين، وتُعاد المحاولة طوال يوم ما دام لا يجيب.</translation>
    </message>
    <message>
        <source>Add a webhook</source>
        <translation>إضافة خطاف ويب</translation>
    </message>
    <message>
        <source>e.g. https://exams.example.org/proctoring/hooks</source>
        <translation>مثلًا: https://exams.example.org/proctoring/hooks</translation>
    </message>
    <message>
        <source>optional, e.g. Moodle of the law school</source>
        <translation>اختياري، مثلًا: Moodle كلية الحقوق</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Add webhook</source>
        <translation>إضافة الخطاف</translation>
    </message>
    <message>
        <source>Signing secret (shown this once):</source>
        <translation>سرّ التوقيع (يُعرض هذه المرة فقط):</translation>
    </message>
    <message>
        <source>Send test</source>
        <translation>إرسال اختبار</translation>
    </message>
    <message>
        <source>Send the selected address a signed test event (type webhook.test) now and show its answer</source>
        <translation>أرسل الآن إلى العنوان المحدد حدث اختبار موقّعًا (من النوع webhook.test) واعرض جوابه</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>إزالة…</translation>
    </message>
    <message>
        <source>Send nothing more to the selected address</source>
        <translation>لا ترسل شيئًا بعد الآن إلى العنوان المحدد</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>No webhooks yet. Add the exam system&apos;s address above.</source>
        <translation>لا خطافات ويب بعد. أضف عنوان نظام الاختبارات أعلاه.</translation>
    </message>
    <message>
        <source>Type the exam system&apos;s address first, starting with https://.</source>
        <extracomment>The question before removing a webhook (open while it is asked).</extracomment>
        <translation>اكتب عنوان نظام الاختبارات أولًا، بادئًا بـ https://.</translation>
    </message>
    <message>
        <source>Tick at least one event type the exam system should hear.</source>
        <translation>اختر نوع حدث واحدًا على الأقل يجب أن يسمع به نظام الاختبارات.</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>جارٍ الإضافة…</translation>
    </message>
    <message>
        <source>Sending a test event to {address}…</source>
        <translation>جارٍ إرسال حدث اختبار إلى {address}…</translation>
    </message>
    <message>
        <source>Remove webhook</source>
        <translation>إزالة الخطاف</translation>
    </message>
    <message>
        <source>Remove the webhook to {address}?</source>
        <translation>إزالة الخطاف إلى {address}؟</translation>
    </message>
    <message>
        <source>Nothing more is sent there, and its deliveries still waiting are dropped. The exam system stops hearing what happens.</source>
        <translation>لن يُرسل شيء بعد الآن إلى هناك، وتُسقط عمليات التسليم المنتظرة. ويتوقف نظام الاختبارات عن سماع ما يحدث.</translation>
    </message>
    <message>
        <source>Removing the webhook to {address}…</source>
        <translation>جارٍ إزالة الخطاف إلى {address}…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln webhook(s)</source>
        <translation>
            <numerusform>لا خطافات ويب</numerusform>
            <numerusform>خطاف ويب واحد</numerusform>
            <numerusform>خطافا ويب</numerusform>
            <numerusform>%Ln خطافات ويب</numerusform>
            <numerusform>%Ln خطاف ويب</numerusform>
            <numerusform>%Ln خطاف ويب</numerusform>
        </translation>
    </message>
    <message>
        <source>, {count} with failures</source>
        <translation>، منها {count} بإخفاقات</translation>
    </message>
    <message>
        <source>The webhooks could not be read: {error} Press Refresh to try again.</source>
        <translation>تعذّرت قراءة خطافات الويب: {error} اضغط «تحديث» للمحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>Added {address}. Give the exam system the signing secret below now: it is not shown again.</source>
        <translation>أُضيف {address}. أعطِ نظام الاختبارات سرّ التوقيع أدناه الآن: لن يُعرض مرة أخرى.</translation>
    </message>
    <message>
        <source>{error} Correct it and press Add webhook again.</source>
        <translation>{error} صحّحه واضغط «إضافة الخطاف» مرة أخرى.</translation>
    </message>
    <message>
        <source>The webhook was not added: {error} Check the connection to the center and try again.</source>
        <translation>لم يُضف الخطاف: {error} تحقق من الاتصال بالمركز وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The test event was delivered: the exam system answered {status}.</source>
        <translation>سُلّم حدث الاختبار: أجاب نظام الاختبارات بـ {status}.</translation>
    </message>
    <message>
        <source>The test event was not delivered: {error} Check the address and that the exam system is running, then send the test again.</source>
        <translation>لم يُسلَّم حدث الاختبار: {error} تحقق من العنوان ومن أن نظام الاختبارات يعمل، ثم أرسل الاختبار مرة أخرى.</translation>
    </message>
    <message>
        <source>The test could not be sent: {error} Press Refresh and try again.</source>
        <translation>تعذّر إرسال الاختبار: {error} اضغط «تحديث» وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Removed the webhook to {address}: nothing more is sent there.</source>
        <translation>أُزيل الخطاف إلى {address}: لن يُرسل شيء بعد الآن إلى هناك.</translation>
    </message>
    <message>
        <source>The webhook was not removed: {error} Press Refresh and try again.</source>
        <translation>لم يُزل الخطاف: {error} اضغط «تحديث» وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>You are signed in to {address} as {who}.</source>
        <translation>أنت مسجّل الدخول إلى {address} باسم {who}.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Proctor Console</source>
        <extracomment>The name typed, once OK was pressed. True once &quot;Connect to an exam center&apos;s server…&quot; was pressed.</extracomment>
        <translation>مرحبًا بك في وحدة تحكم المراقب</translation>
    </message>
    <message>
        <source>Who is proctoring at this desk?</source>
        <translation>من يراقب على هذا المكتب؟</translation>
    </message>
    <message>
        <source>This console is its own exam center: kiosks connect to it, and you watch them here.</source>
        <translation>وحدة التحكم هذه مركز امتحان قائم بذاته: تتصل به الأجهزة، وتتابعها من هنا.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>اسمك</translation>
    </message>
    <message>
        <source>e.g. Dana Lee</source>
        <translation>مثلًا سارة أحمد</translation>
    </message>
    <message>
        <source>Each flag, warning and termination made at this desk is recorded under this name.</source>
        <translation>تُسجَّل كل علامة وتحذير وإنهاء من هذا المكتب بهذا الاسم.</translation>
    </message>
    <message>
        <source>Connect to an exam center&apos;s server…</source>
        <translation>الاتصال بخادم مركز امتحان…</translation>
    </message>
    <message>
        <source>For a center whose server runs on another computer: sign in to it instead.</source>
        <translation>لمركز يعمل خادمه على حاسوب آخر: سجّل الدخول إليه بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <source>Type your name (1 to {count} characters) so your actions are recorded under it.</source>
        <translation>اكتب اسمك (من 1 إلى {count} حرفًا) لتُسجَّل إجراءاتك به.</translation>
    </message>
</context>
<context>
    <name>_ActionDialog</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
</TS>
