"""Every user-facing sentence, in Chinese (the default) and English.

Keeping the catalogue in one place lets a translator review all wording at once and lets the
core stay free of language decisions: the core names a message by key, the CLI picks the language.
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # --- progress record and status (issue 17) ---
    "PF701": ("事项 {id} 已标记完成，但指标“{what}”没有完成值", "item {id} is marked done but its target “{what}” has no actual value"),
    "PF701.summary": ("已完成的事项缺少指标完成值", "an item marked done has a target with no actual value"),
    "PF702": ("“{what}”完成值 {actual}{unit} 未达到目标 {target}{unit}，事项却标记为已完成",
              "“{what}” reached {actual}{unit}, short of its target {target}{unit}, yet the item is marked done"),
    "PF702.summary": ("已完成事项的完成值未达到目标", "an item marked done has an actual value short of its target"),
    "PF703": ("“{title}”（{when}）已过时限，进度记录仍为未开始", "“{title}” ({when}) is past its time and its record still says not started"),
    "PF703.summary": ("已逾期的事项没有更新状态", "an overdue item has no status"),
    "PF704": ("“{what}”的完成值统计日期 {date} 不在计划年度 {year} 年内", "the actual value of “{what}” is dated {date}, outside the plan year {year}"),
    "PF704.summary": ("完成值的统计日期不在计划年度内", "an actual value is dated outside the plan year"),
    "report_slots": ("草稿中还有 {count} 处【待补充】需要填写（lint 会一直报告，直到填完）",
                     "{count} 【待补充】 slots are left for you to fill (lint reports them until filled)"),
    "progress_imported": ("已写入 {path}：在总结中找到 {found}/{total} 个事项，请逐项核对“待确认”",
                          "wrote {path}: found {found} of {total} items in the summary; check every 待确认 line"),
    "progress_missing": ("找不到进度记录 {path}：先用 planforge progress init 计划文件 建立（或用 --record 指明）",
                         "no progress record at {path}: create it with planforge progress init PLAN (or name one with --record)"),
    "progress_other_plan": (
        "这份进度记录属于《{title}》（{year} 年），不是《{plan}》（{plan_year} 年）",
        "this progress record is for “{title}” ({year}), not “{plan}” ({plan_year})",
    ),
    "progress_renamed_plan": (
        "这份进度记录属于《{title}》，不是《{plan}》；如果是计划改了名，把这一行改为 plan: {plan}",
        "this progress record is for “{title}”, not “{plan}”; if the plan was renamed, change this line to plan: {plan}",
    ),
    "progress_unknown_item": ("计划中没有 id 为 {id} 的事项（已删除或改了 id？）", "the plan has no item with id {id} (removed, or its id changed?)"),
    "progress_missing_items": (
        "进度记录缺少计划中的 {count} 个事项：{ids}（progress set 会自动补上）",
        "the record lacks {count} of the plan's items: {ids} (progress set adds them)",
    ),
    "progress_exists": ("进度记录已存在：{path}（确需重写请加 --force）", "the progress record exists: {path} (use --force to replace it)"),
    "progress_nothing_to_track": (
        "{path} 中没有带 id 的事项，无可跟踪：请在计划中为事项加上 id:（import 和 rollover 写出的规格已自带）",
        "{path} has no item with an id, so nothing can be tracked: give items an id: in the plan (specs written by import and rollover have them)",
    ),
    "progress_summary_matched_nothing": (
        "在 {path} 中没有找到计划 {total} 个事项中的任何一个，未写入进度记录：请确认总结与计划对应",
        "none of the plan's {total} items was found in {path}; no record was written: check that the summary belongs to the plan",
    ),
    "progress_no_ids": (
        "{count} 个事项没有 id，未列入进度记录（在计划中为其加上 id:）：{titles}",
        "{count} items have no id and are not in the record (give them an id: in the plan): {titles}",
    ),
    "progress_no_such_item": ("计划中没有 id 为 {id} 的事项{hint}", "the plan has no item with id {id}{hint}"),
    "progress_id_of_title": ("；标题为“{title}”的事项 id 是 {found}", "; the item titled “{title}” has the id {found}"),
    "progress_id_close": ("；是不是 {found}？", "; did you mean {found}?"),
    "progress_ids_are": ("；计划中的事项 id 如 {found}（进度记录里列出全部）", "; the plan's item ids are like {found} (the progress record lists them all)"),
    "progress_counted_by_items": ("{id} 含有下级事项，全年按其下级事项统计，这里记下的状态不计入：请记在下级事项上（如 {first}）；说明可以留在这里，总结会写在该项标题下",
                                  "{id} has items under it and the year counts those: the status recorded here counts nowhere; record it on its items (such as {first}); a note may stay here, the summary writes it under the item's heading"),
    "progress_for_alone": ("--progress-for 把工作总结读成进度记录，不能与 {options} 同用：请去掉它们",
                           "--progress-for reads a summary into a progress record and takes no {options}: leave them out"),
    "progress_nothing_to_set": ("没有要修改的内容：请用 --status、--actual 或 --note 说明 {id} 的进度，如 --status 已完成",
                                "nothing to change: give {id} a --status, an --actual or a --note, such as --status done"),
    "progress_untracked": ("{id} 含有下级事项，全年按其下级事项统计：请为下级事项记录进度（如 {first}）",
                           "{id} has items under it, and the year counts those: record the progress of those (such as {first})"),
    "progress_bad_status": ("未知的状态 {value}，可选：未开始、进行中、已完成、已取消、延期（英文 not-started、in-progress、done、cancelled、"
                            "postponed）；逾期由日期算出，不是状态：未做完请用 进行中 或 延期",
                            "unknown status {value}; choose 未开始, 进行中, 已完成, 已取消, 延期 (not-started, in-progress, done, "
                            "cancelled, postponed); overdue is computed from the date, not a status: use in-progress or postponed"),
    "progress_target_renamed": ("事项 {id} 的完成值记在“{what}”下，计划中该指标现名为“{new}”：按位置对应计入；"
                                "下次 progress set 时改为新名称",
                                "item {id}: the actual recorded under “{what}” is counted for the target now named “{new}” "
                                "(matched by place); the next progress set renames it"),
    "progress_unknown_target": ("事项 {id} 的完成值记在“{what}”下，计划中没有这个指标：不计入 status 和 report；"
                                "请用 progress set --what 记到现在的指标下",
                                "item {id}: the actual recorded under “{what}” matches no target of the plan and is not "
                                "counted; record it with progress set --what under the target's name"),
    "progress_bad_actual": ("--actual 应为一个数，如 1650、1.2万、97.5% 或 百分之九十七点五，而不是“{value}”",
                            "--actual takes a number such as 1650, 1.2万, 97.5% or 百分之九十七点五, not “{value}”"),
    "progress_actual_unit": ("--actual “{value}”的单位是“{written}”，而指标“{what}”以“{unit}”计：请按指标的单位填写，如 1650、1.2万",
                             "--actual “{value}” is in “{written}”, but the target “{what}” is counted in “{unit}”: "
                             "give it in the target's unit, such as 1650 or 1.2万"),
    "progress_date_not_kept": ("注意：{status}不记日期，--date {date} 未写入记录；需要时请写在说明（--note）里",
                               "note: {status} keeps no date, so --date {date} was not written; put it in the note (--note) if it matters"),
    "progress_date_outside_year": ("注意：记录的日期 {date} 不在计划年度 {year} 年内（未给 --date 时为今天）；如有误，请用 --date 改正",
                                   "note: the date recorded, {date}, is outside the plan year {year} (today when no --date is "
                                   "given); correct it with --date if it is wrong"),
    "progress_no_target": ("事项 {id} 没有指标，无法记录完成值", "item {id} has no target to record a value for"),
    "progress_no_target_named": ("事项 {id} 没有名称含“{what}”的指标，无法记录完成值",
                                 "item {id} has no target whose name holds “{what}”"),
    "status_bad_fail_on": ("--fail-on 只接受 overdue（有逾期事项时退出码为 1），收到 {value}",
                           "--fail-on takes overdue (exit 1 while an item is overdue), not {value}"),
    "progress_which_target": ("事项 {id} 有多个指标，请用 --what 指明：{choices}", "item {id} has several targets; name one with --what: {choices}"),
    "progress_flow_layout": (
        "这一段写在了一行花括号里（{{…}}），progress set 只能逐行修改：请改成每项一行（如“status: 已完成”另起一行），或手工编辑",
        "this entry is written in flow style ({{…}}) on one line; progress set edits block style line by line: write one key per line, or edit it by hand",
    ),
    "progress_hand_layout": (
        "这一处已被改写成其他格式，progress set 无法只改这一行：请手工编辑",
        "this entry was rewritten in another layout; progress set cannot edit it line by line: edit it by hand",
    ),
    "bad_date_option": ("日期 {value} 应写成 年-月-日，如 2027-03-01", "date {value} should be written year-month-day, as 2027-03-01"),
    "bad_date_option_day": ("日期 {value} 不存在，请核对月和日", "there is no such day as {value}: check the month and the day"),
    "status_as_of": ("截至 {date}", "as of {date}"),
    "status_totals": (
        "事项 {items} 项，已完成 {done} 项，逾期 {overdue} 项；指标 {targets} 项，已达到 {reached} 项，未达到 {not_reached} 项",
        "{items} items, {done} done, {overdue} overdue; {targets} targets, {reached} reached, {not_reached} not reached",
    ),
    "status_section_columns": ("部分|事项|已完成|完成比例", "section|items|done|share"),
    "status_target_columns": ("指标|目标值|完成值|完成率|状态", "target|goal|actual|rate|state"),
    "status_overdue": ("逾期", "overdue"),
    # --- input safety (PF003) and syntax (PF001) ---
    "file_not_found": ("找不到文件：{path}", "file not found: {path}"),
    "not_a_file": ("不是普通文件：{path}", "not a regular file: {path}"),
    "read_failed": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "file_too_large": (
        "文件过大（{size} 字节），上限为 {limit} 字节",
        "file too large ({size} bytes); the limit is {limit} bytes",
    ),
    "empty_file": ("文件为空，没有任何计划内容", "the file is empty: there is no plan in it"),
    "undecodable": (
        "第 {offset} 字节处的内容无法按 UTF-8 或 GB18030 解码，请以 UTF-8 另存该文件",
        "bytes at offset {offset} are neither UTF-8 nor GB18030; save the file as UTF-8",
    ),
    "yaml_syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "yaml_alias": (
        "不允许使用 YAML 锚点或别名（&、*）：请把内容直接写出来",
        "YAML anchors and aliases (& and *) are not allowed: write the content out",
    ),
    "yaml_tag": ("不支持的 YAML 标签 {tag}", "unsupported YAML tag {tag}"),
    "yaml_too_deep": (
        "嵌套层数超过 {limit} 层，文件结构异常",
        "nesting deeper than {limit} levels: the file's structure is not a plan",
    ),
    "yaml_multi_doc": (
        "一个文件只能包含一份计划（发现多个 YAML 文档）",
        "one file holds one plan (found several YAML documents)",
    ),
    "yaml_complex_key": ("键必须是简单的文字", "keys must be plain text"),
    "duplicate_key": (
        "键 {key} 重复（第一次出现在第 {first_line} 行）；YAML 会静默丢弃前一个值",
        "duplicate key {key} (first at line {first_line}); YAML would silently drop the earlier value",
    ),
    "not_a_mapping": (
        "计划文件的顶层必须是键值对（title:、sections: 等）",
        "the top level of a plan must be a mapping (title:, sections: …)",
    ),
    # --- schema (PF002) ---
    "quote_cut": ("{start}……（共 {count} 字）", "{start}… ({count} characters)"),
    "at_field": ("{field}：{message}", "{field}: {message}"),
    "missing": ("缺少必填字段 {name}", "required field {name} is missing"),
    "extra": ("未知字段 {name}", "unknown field {name}"),
    "extra_suggest": ("未知字段 {name}，是不是想写 {suggestion}？", "unknown field {name}; did you mean {suggestion}?"),
    "reserved_key": ("{name} 由 planforge 内部使用，不能写在计划里", "{name} is reserved by planforge"),
    "expect_str": ("应为文字", "expected text"),
    "expect_int": ("应为整数", "expected a whole number"),
    "expect_number": ("应为数字", "expected a number"),
    "expect_number_cn": (
        "应为阿拉伯数字：请把“{value}”写成 {hint}",
        "expected a number: write “{value}” as {hint}",
    ),
    "expect_bool": ("应为 true 或 false", "expected true or false"),
    "expect_date": ("应为日期，如 2027-01-08", "expected a date such as 2027-01-08"),
    "expect_list": ("应为列表（每项以 - 开头）", "expected a list (one entry per - line)"),
    "expect_mapping": ("应为键值对", "expected a mapping of keys to values"),
    "expect_one_of": ("应为以下之一：{choices}", "expected one of: {choices}"),
    "too_short": ("不能为空", "must not be empty"),
    "too_long": ("最多 {max} 项", "at most {max} entries"),
    "ge": ("不能小于 {limit}", "must be at least {limit}"),
    "le": ("不能大于 {limit}", "must be at most {limit}"),
    "invalid": ("取值无效", "invalid value ({detail})"),
    "bad_id": (
        "编号 id 只能由小写字母、数字、- 和 _ 组成：{value}",
        "an id may hold only lowercase letters, digits, - and _: {value}",
    ),
    "duplicate_id": (
        "id {value} 重复（第一次出现在第 {first_line} 行）",
        "duplicate id {value} (first at line {first_line})",
    ),
    "bad_when": (
        "无法识别的时间“{value}”。可写：3月、3-4月、一至二月份、七、八月份、3月中旬、9月底、"
        "二季度、上半年、下半年、全年、年初、年底、2027-05-01、2027年5月1日、五一、春节、每月、每季度、每月月底、本学期、寒假、秋季",
        "unrecognised time “{value}”. Accepted: 3月, 3-4月, 一至二月份, 七、八月份, 3月中旬, 9月底, "
        "二季度, 上半年, 下半年, 全年, 年初, 年底, 2027-05-01, 2027年5月1日, 五一, 春节, 每月, 每季度, 每月月底, 本学期, 寒假, 秋季",
    ),
    "bad_calendar_date": ("日期不存在：{value}", "no such date: {value}"),
    "year_range": ("年份应为四位数（2000–2100）", "the year must have four digits (2000–2100)"),
    "number_range": (
        "数值不合理：计划里的数字最大到一千万亿",
        "implausible number: a plan's figures go up to a thousand trillion ({limit})",
    ),
    "too_deep_items": (
        "事项最多嵌套四层（一、（一）1.（1）），这里是第 {level} 层",
        "items nest four levels at most (一、（一）1.（1）); this is level {level}",
    ),
    "typed_number": (
        "标题里手写了序号“{marker}”，已去掉：序号由 planforge 按结构生成",
        "the title starts with a typed number “{marker}”, removed: planforge numbers from the structure",
    ),
    "style_unknown_preset": ("未知的排版预设 {value}，可选：{choices}", "unknown style preset {value}; choose one of: {choices}"),
    # --- import ---
    "old_doc": (
        "这是旧版 Word 的 .doc 文件，planforge 读不了：请用 Word/WPS 另存为 .docx，"
        "或运行 soffice --headless --convert-to docx 文件名.doc",
        "this is an old binary Word .doc file: save it as .docx in Word or WPS, or run "
        "soffice --headless --convert-to docx FILE.doc",
    ),
    "ole_docx": (
        "该 .docx 文件已加密（或其实是旧版 .doc）：请在 Word/WPS 中取消密码后另存为 .docx",
        "this .docx is encrypted (or is really an old .doc): remove the password in Word or WPS and save it as .docx",
    ),
    "bad_docx": ("文件已损坏，或不是 Word 文档（.docx）：{detail}", "the file is damaged or not a Word document: {detail}"),
    "strict_docx": ("这是“Strict Open XML 文档”格式的 .docx，planforge 读不了：请在 Word 中另存为“Word 文档 (*.docx)”",
                    "this .docx is saved as a Strict Open XML Document: save it in Word as a Word Document (*.docx)"),
    "zip_too_large": ("文档解压后过大，疑似压缩炸弹，已拒绝读取", "the document unpacks to an implausible size (a zip bomb?) and was not read"),
    "too_much_text": (
        "文档约有 {chars} 万字，远超一份工作计划（上限 {limit} 万字）：请确认文件无误，或拆分后分别处理",
        "the document holds {count:,} characters, far beyond a work plan (limit {limit_count:,}): check the file or split it",
    ),
    "no_text": (
        "文档里没有可读的文字（可能是扫描图片，需要先做文字识别）",
        "the document holds no text (a scanned image? run OCR first)",
    ),
    "no_plan_found": ("没有在文档中找到计划内容", "no plan content was found in the document"),
    "unknown_input": ("不支持的输入格式 {value}，可选：{choices}", "unsupported input format {value}; choose one of: {choices}"),
    "imported": ("已从 {source} 导入 {count} 份计划", "imported {count} plan(s) from {source}"),
    "several_plans": (
        "{source} 包含 {count} 份计划；用 --all 全部导出，或 --index N 选择第 N 份（已默认导出第 1 份）",
        "{source} holds {count} plans; use --all for all of them or --index N for one (the first was written)",
    ),
    "index_out_of_range": ("--index 超出范围：文件中只有 {count} 份计划", "--index is out of range: the file holds {count} plan(s)"),
    "records_after_date": (
        "进度记录中有 {count} 个事项记到了今天（{date}）之后，按今天计算时这些进展未计入；要全部计入，请加 --date {last}",
        "the progress record has {count} item(s) recorded after today ({date}), not counted as of today; "
        "to count them all, add --date {last}",
    ),
    "left_out": (
        "{source}：计划之后有 {count} 段文字或表格没有导入（第 {lines} 行）：附件的正文和任务表、接在后面的另一份计划等在规格中没有位置；"
        "需要时请从原文保留",
        "{source}: {count} paragraph(s) or table(s) after the plan were not imported (lines {lines}): attachment text "
        "and task tables, another plan run on after it and the like have no place in a spec; keep them from the original "
        "if you need them",
    ),
    "summary_detected": (
        "{source} 读起来像工作总结；只导入了其中的计划部分（如有）",
        "{source} reads as a summary; only its plan part (if any) was imported",
    ),
    # --- lint ---
    "bad_config": ("配置文件 {path} 无法读取：{detail}", "cannot read the settings in {path}: {detail}"),
    "unknown_rule": ("未知的规则 {value}（来自 {origin}）；planforge rules 列出全部规则",
                     "unknown rule {value} (from {origin}); planforge rules lists them all"),
    "bad_severity": ("未知的级别 {value}（来自 {origin}），可选：error、warning、info",
                     "unknown severity {value} (from {origin}); choose error, warning or info"),
    "rule_crashed": ("规则 {code} 在 {file} 上出错（程序缺陷，请报告）：{detail}",
                     "rule {code} failed on {file} (a bug, please report it): {detail}"),
    "bad_include": ("{origin} 里的 include 应为文件名模式的列表，如 [\"plans/*.md\"]",
                    "include in {origin} must be a list of file patterns such as [\"plans/*.md\"]"),
    "skip_not_spec": ("跳过 {path}：不是计划规格（没有 planforge: 键）", "skipped {path}: not a plan spec (no planforge: key)"),
    "skip_not_included": ("跳过 {path}：文件名不像计划，也不在设置的 include 中",
                          "skipped {path}: its name is not a plan's and the include setting does not name it"),
    "fixed": ("已修复 {count} 处：{path}", "fixed {count} place(s) in {path}"),
    "no_files": ("没有找到可检查的文件（.yaml、.md、.txt、.docx）", "no files to lint (.yaml, .md, .txt, .docx)"),
    # --- rendering and output ---
    "bad_reference_docx": (
        "参考模板不是可用的 Word 文档（.docx）：{detail}",
        "the reference document is not a usable Word file (.docx): {detail}",
    ),
    "no_soffice": (
        "转换 PDF 需要 LibreOffice：找不到 soffice。Debian/Ubuntu 可运行 "
        "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk",
        "PDF output needs LibreOffice and soffice is not on the PATH; on Debian or Ubuntu: "
        "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk",
    ),
    "pdf_failed": ("LibreOffice 转换 PDF 失败（LibreOffice 的输出：{detail}）", "LibreOffice could not convert to PDF: {detail}"),
    "template_error": ("模板错误：{detail}", "template error: {detail}"),
    "template_undefined": ("模板引用了不存在的变量：{detail}", "the template uses an undefined name: {detail}"),
    "template_security": ("模板试图执行不允许的操作：{detail}", "the template tried something not allowed: {detail}"),
    "template_outside": ("模板 {name} 指向模板目录以外的文件（可能是符号链接），已拒绝读取",
                         "template {name} resolves outside the template folder (a symlink?) and was not read"),
    "template_not_found": ("找不到模板 {name}", "template {name} not found"),
    "template_too_big": ("模板输出或占用内存超过上限", "the template's output or memory use exceeds the limit"),
    "template_too_slow": ("模板运行超过 {seconds} 秒，已停止（是否有过大的循环？）",
                          "the template ran longer than {seconds} s and was stopped (a loop too large?)"),
    "checklist_target": ("待定目标值 {where}：{detail}，上年 {last}，请确定 {year} 年目标值",
                         "target to set {where}: {detail}, last year {last}; decide the {year} value"),
    "checklist_target-actual": ("待定目标值 {where}：{detail}，上年目标 {last}、完成 {actual}（已记为基数），请确定 {year} 年目标值",
                                "target to decide {where}: {detail}, last year's target {last}, achieved {actual} (now the baseline); set the {year} value"),
    "checklist_target-no-actual": ("待定目标值 {where}：{detail}，进度记录中没有完成值，基数暂用上年目标 {last}，请核对并确定 {year} 年目标值",
                                   "target to decide {where}: {detail} has no actual value in the record; the baseline is last year's target {last} for now; set the {year} value"),
    "rollover_bad_year": ("--year 应为年份（如 2028）或 next（下一年），而不是“{value}”",
                          "--year takes a year (2028) or next, not “{value}”"),
    "checklist_target-in-title": ("指标写在标题里 {where}：“{title}”写明了{detail}的目标值，改目标值时请一并改标题",
                                  "target stated in the title {where}: “{title}” states the value of {detail}; change the title with the value"),
    "checklist_target-in-text": ("指标写在正文里 {where}：“{quote}”写明了{detail}的目标值，改目标值时请一并改这句话",
                                 "target stated in the text {where}: “{quote}” states the value of {detail}; change the sentence with the value"),
    "checklist_carried": ("上年未完成 {where}：“{detail}”（{status}），已顺延到新年度，请确认",
                          "not finished last year {where}: “{detail}” ({status}), carried forward; confirm it"),
    "checklist_drop": ("可删除 {where}：“{detail}”上年{status}，如不再延续请删除",
                       "may be dropped {where}: “{detail}” was {status} last year; remove it if it does not continue"),
    "rollover_uses_progress": ("按进度记录 {path} 取完成值作基数", "baselines from the actual values in {path}"),
    "checklist_stale-year": ("提到旧年份 {where}：“{detail}”，请核对是否应改为新年度",
                             "old year mentioned {where}: “{detail}”; check whether it should name the new year"),
    "checklist_date-moved": ("日期已顺延 {where}：{detail}，请核对", "date moved {where}: {detail}; check it"),
    "diff_heading": ("{old} → {new} 计划对比", "{old} → {new} plan comparison"),
    "diff_added": ("新增事项", "Items added"),
    "diff_removed": ("删除事项", "Items removed"),
    "diff_renamed": ("改名", "Renamed"),
    "diff_moved": ("调整位置", "Moved"),
    "diff_targets": ("指标", "Targets"),
    "diff_rewritten": ("正文改动", "Text changed"),
    "diff_summary": ("新增 {added} 项、删除 {removed} 项、改名 {renamed} 项、调整位置 {moved} 项、正文改动 {rewritten} 项、指标变化 {targets} 项",
                     "{added} added, {removed} removed, {renamed} renamed, {moved} moved, {rewritten} texts changed, {targets} targets changed"),
    "diff_old_with_actual": ("{old}（完成 {actual}）", "{old} (achieved {actual})"),
    "diff_columns": ("事项|指标|上年|本年|变化", "Item|Target|Last year|This year|Change"),
    "diff_none": ("两份计划的事项和指标没有变化。", "The two plans have the same items and targets."),
    "diff_top_level": ("（顶层）", "(top level)"),
    "change_added": ("新增", "added"),
    "change_removed": ("删除", "removed"),
    "change_same": ("不变", "unchanged"),
    "change_changed": ("改变", "changed"),
    "badge_no_target": ("无指标", "no target"),
    "badge_no_time": ("无时间", "no date"),
    "show_targets_title": ("主要目标", "Targets"),
    "show_target_columns": ("序号|指标|目标值|上年基数|责任部门", "No.|Target|Value|Last year|Owner"),
    "show_timeline_title": ("全年进度（月）", "The year by month"),
    "show_timeline_item": ("事项", "Item"),
    "anomaly_continued": ("{marker} 接续上一部分的编号 {number}", "{marker} continues the previous section's {number}"),
    "anomaly_skip": ("{marker} 不是从 1 开始", "{marker} does not start at 1"),
    "anomaly_skip_gap": ("{marker} 前缺少编号 {number}", "number {number} is missing before {marker}"),
    "anomaly_repeat": ("{marker} 重复", "{marker} appears twice"),
    "anomaly_restart": ("{marker} 重新从 1 开始", "{marker} starts again from 1"),
    "anomaly_intruder": ("{marker} 夹在下一级编号之下，其后的编号仍接着上一级", "{marker} is typed under a lower level; the count goes on past it"),
    "anomaly_split-number": ("{marker} 的数字被拆在两行", "the number of {marker} was split over two lines"),
    "exists_no_force": (
        "{path} 已存在，未覆盖；确认要覆盖请加 --force",
        "{path} exists and was left untouched; add --force to overwrite it",
    ),
    "output_is_input": (
        "输出文件 {path} 就是输入文件，未覆盖：请用 -o 指定另一个文件（确需覆盖请加 --force）",
        "the output {path} is one of the inputs and was left untouched: name another file with -o (or add --force)",
    ),
    "output_is_spec": (
        "{path} 是一份计划规格，未覆盖：请用 -o 指定另一个文件（确需覆盖请加 --force）",
        "{path} is a plan spec and was left untouched: name another file with -o (or add --force)",
    ),
    "output_is_record": (
        "{path} 是一份进度记录，未覆盖：请用 -o 指定另一个文件（确需覆盖请加 --force）",
        "{path} is a progress record and was left untouched: name another file with -o (or add --force)",
    ),
    "template_dir_unused": (
        "--template-dir {path} 中没有可用的模板（应为 {names} 之一），未渲染：请检查文件夹和文件名",
        "--template-dir {path} holds none of the templates ({names}); nothing was rendered: check the folder and the file names",
    ),
    "os_error": ("无法使用 {path}：{reason}", "cannot use {path}: {reason}"),
    "output_is_folder": ("{path} 是一个文件夹，请给出文件名", "{path} is a folder: name a file"),
    "write_failed": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "unknown_kind": ("未知的计划类型 {value}，可选：{choices}", "unknown plan kind {value}; choose one of: {choices}"),
    "unknown_format": ("不支持的输出格式 {value}，可选：{choices}", "unsupported format {value}; choose one of: {choices}"),
    "format_conflict": (
        "--to {to} 与输出文件 {path} 的扩展名（{implied}）不一致：请改其中之一",
        "--to {to} contradicts the extension of {path} ({implied}): change one of them",
    ),
    "binary_to_terminal": (
        "{format} 是二进制格式，不能输出到终端：请用 -o 文件名，或把输出重定向到文件",
        "{format} is a binary format and cannot go to a terminal: use -o FILE or redirect the output",
    ),
    "spec_suffix": (
        "规格文件应以 .yaml 结尾（{path}）：渲染时会生成同名的 .md 或 .docx，以免覆盖规格",
        "a spec file name ends in .yaml ({path}): rendering writes a .md or .docx of the same name",
    ),
    "option_year_range": (
        "{option} 应为 {low}–{high} 之间的四位年份（收到 {value}）",
        "{option} takes a four-digit year from {low} to {high} (got {value})",
    ),
    "option_number_range": (
        "{option} 的值 {value} 不合理：计划里的数字最大到一千万亿",
        "{option} {value} is not a plausible figure: a plan's figures go up to a thousand trillion ({limit})",
    ),
    "option_empty": ("{option} 不能为空", "{option} must not be empty"),
    "rollover_not_later": (
        "新年度 {new} 应晚于原计划的年度 {old}",
        "the new year {new} must come after the plan's year {old}",
    ),
    "fix_failed": ("未能修复 {path}：{reason}（以上检查结果未改动文件）", "could not fix {path}: {reason} (the findings above left the file unchanged)"),
    "busy_rendering": ("正在生成 {format}……", "rendering {format}…"),
    "busy_importing": ("正在导入……", "importing…"),
    "busy_show": ("正在读取计划……", "reading the plan…"),
    "kind_continued": ("编号接续", "continued"),
    "kind_skip": ("编号跳号", "skipped"),
    "kind_repeat": ("编号重复", "repeated"),
    "kind_restart": ("编号重排", "restarted"),
    "kind_split-number": ("编号拆行", "split number"),
    "kind_intruder": ("层级写错", "level typed wrong"),
    "kind_split-line": ("拆分长行", "long line split"),
    "kind_control-char": ("控制字符", "control character"),
    "kind_noise-line": ("无关文字", "noise line"),
    "kind_page-label": ("页码", "page label"),
    "kind_table-header": ("表头", "table header"),
    "kind_pinyin": ("拼音夹注", "pinyin"),
    "kind_extra-comma": ("多余逗号", "extra comma"),
    "kind_missing-separator": ("补全序号后的顿号", "separator added after an item number"),
    "kind_front-matter": ("文首元数据", "front matter"),
    "kind_spacing": ("去掉字间空格", "spaces between characters removed"),
    "kind_placeholder": ("占位符", "placeholder"),
    "completion_installed": (
        "已为 {shell} 安装命令补全：{path}（重新打开终端后生效）",
        "{shell} completion installed in {path} (it takes effect in a new terminal)",
    ),
    "completion_unknown_shell": (
        "无法为“{shell}”安装命令补全：支持 bash、zsh、fish、powershell（可写 --install-completion bash）",
        "cannot install completion for “{shell}”: bash, zsh, fish and powershell are supported",
    ),
    # --- command-line usage (click's own messages are English; these replace them) ---
    "unknown_language": ("未知的消息语言 {value}，可选：zh、en", "unknown message language {value}; choose zh or en"),
    "cli_no_such_option": ("没有这个选项：{name}", "no such option: {name}"),
    "cli_did_you_mean": ("，是不是想写 {choices}？", "; did you mean {choices}?"),
    "cli_no_such_command": ("没有这个命令：{name}；可用命令：{choices}", "no such command: {name}; commands: {choices}"),
    "cli_missing": ("缺少{kind} {name}", "missing {kind} {name}"),
    "cli_kind_argument": ("参数", "argument"),
    "cli_kind_option": ("选项", "option"),
    "cli_bad_value": ("{name} 的取值无效：{reason}", "invalid value for {name}: {reason}"),
    "cli_needs_value": ("选项 {name} 后面需要一个取值", "option {name} needs a value"),
    "cli_usage": ("命令行用法不对（参数多余或缺少）：{line}", "the command line is not right (an argument too many or too few): {line}"),
    "cli_help_hint": ("运行 {command} --help 查看用法", "run {command} --help for usage"),
    "type_integer": ("应为整数", "a whole number is expected"),
    "type_float": ("应为数字", "a number is expected"),
    "type_boolean": ("应为 true 或 false", "true or false is expected"),
    "type_path": ("路径无效", "the path is not usable"),
    "type_path_unreadable": ("没有权限读取 {path}，请检查文件的权限", "{path} may not be read: check its permissions"),
    "type_other": ("格式不对", "the value is malformed"),
    # --- lint rules, keyed by code: the finding's message, and its one line for `planforge rules` ---
    "PF001": ('{message}', '{message}'),
    "PF001.summary": ('YAML 无法解析', 'unparsable YAML'),
    "PF002": ('{message}', '{message}'),
    "PF002.summary": ('规格字段错误（类型、缺失、未知字段）', 'a spec field error'),
    "PF003": ('{message}', '{message}'),
    "PF003.summary": ('别名、过深嵌套、过大或无法解码的文件', 'aliases, deep nesting, oversized or undecodable input'),
    "PF004": ('{message}', '{message}'),
    "PF004.summary": ('模板错误：语法、未定义的变量、不允许的操作、超时或超出内存', 'a template error: syntax, an undefined name, a forbidden operation, time or memory'),
    "PF007": ('这条忽略注释没有用上：{codes}', 'this suppression is unused: {codes}'),
    "PF007.summary": ('没有抑制任何问题的忽略注释', 'a suppression comment that suppressed nothing'),
    "PF101": ('该工作事项没有量化指标', 'this item has no quantified target'),
    "PF101.section": ('{count}/{total} 个工作事项没有量化指标（第 {lines} 行）', '{count} of {total} items have no quantified target (lines {lines})'),
    "PF101.change": ('要提高、扩大或减少的量没有给出数值', 'this item will raise, widen or cut an amount and gives no figure'),
    "PF101.change_section": ('{count}/{total} 个工作事项要提高、扩大或减少某个量，却没有给出数值（第 {lines} 行）',
                             '{count} of {total} items will raise, widen or cut an amount and give no figure (lines {lines})'),
    "PF101.goals": ('“{title}”部分没有一个量化指标，目标无从衡量', 'the goals “{title}” carry no figure: nothing to measure them by'),
    "PF201.event": ('这项活动没有时间安排', 'this event has no time'),
    "PF201.event_section": ('{count}/{total} 个工作事项里的会议、比赛等活动没有时间安排（第 {lines} 行）',
                            '{count} of {total} items hold an event (a meeting, a contest) with no time (lines {lines})'),
    "PF101.summary": ('末级事项既没有 targets，正文里也没有数字指标（文档：说要提高、扩大却没有数值，或目标部分没有数字）',
                      'a leaf item with no target and no number in its text (documents: a promised change with no figure, goals with none)'),
    "PF102": ('“{title}”整个部分没有任何量化指标', 'the whole section “{title}” has no target at all'),
    "PF102.summary": ('整个一级部分没有任何指标', 'a whole section with no target at all'),
    "PF103": ('指标“{what}”的数值不合理：{why}', 'the target “{what}” is implausible: {why_en}'),
    "PF103.summary": ('百分比超过 100、负数、有数无单位', 'a percentage over 100, a negative count, a number with no unit'),
    "PF104": ('指标“{what}”的目标值 {value} 低于上年基数 {baseline}', "the target “{what}” ({value}) is below last year's baseline ({baseline})"),
    "PF104.summary": ('增长类指标的目标值低于上年基数', "a growth target set below last year's figure"),
    "PF105": ('用了“{word}”这样的模糊说法，可以写成具体数字', '“{word}” is vague where a number was expected'),
    "PF105.summary": ('一批、若干、进一步提高等模糊数量', 'vague quantities such as 一批, 若干, 进一步提高'),
    "PF106": ('该工作事项没有责任部门，而计划里多数事项都有', 'this item has no owner, though most items of the plan have one'),
    "PF106.section": ('{count}/{total} 个工作事项没有责任部门（第 {lines} 行），而计划里多数事项都有', '{count} of {total} items have no owner (lines {lines}), though most items of the plan have one'),
    "PF106.summary": ('多数事项写了责任部门，个别事项却没有', 'an item with no owner in a plan where most items name one'),
    "PF201": ('该工作事项没有时间安排', 'this item has no time'),
    "PF201.section": ('{count}/{total} 个工作事项没有时间安排（第 {lines} 行）', '{count} of {total} items have no time (lines {lines})'),
    "PF201.summary": ('末级事项没有 when、不在日程里、正文里也没有时间（文档：只看会议、比赛等具体活动）',
                      'a leaf item with no when, no schedule entry and no time in its text (documents: events such as meetings and contests)'),
    "PF202": ('时间“{when}”不在计划年度 {year} 年内', 'the time “{when}” is outside the plan year {year}'),
    "PF202.summary": ('日期或日程月份不在计划年度内（成文日期可在上一年第四季度）', "a date or schedule month outside the plan year (the plan's own date may fall in the quarter before)"),
    "PF203": ('文中出现“{mention}”，计划年度是 {year} 年：是不是照抄了往年的稿子？', '“{mention}” in a {year} plan: copied from an earlier year?'),
    "PF203.summary": ('正文提到往年（2026年出现在 2027 年计划里）', 'free text naming an earlier year'),
    "PF204": ('月度安排中 {months} 没有工作', 'no work is scheduled in {months}'),
    "PF204.summary": ('月度安排有空白月份', 'months with no scheduled work'),
    "PF205": ('日程任务关联的事项 id {item} 不存在', 'the schedule links to item id {item}, which does not exist'),
    "PF205.summary": ('日程任务关联了不存在的事项 id', 'a schedule task linking to an unknown id'),
    "PF206": ('事项时间“{when}”与日程安排“{schedule}”对不上', "the item's time “{when}” and its schedule entry “{schedule}” disagree"),
    "PF206.summary": ('事项的 when 与日程不一致（允许提前一个月准备）', "an item's when and the schedule disagree (one month of lead allowed)"),
    "PF208": ('文中出现“{mention}”，在计划年度 {year} 年之后：年份写错了，还是该放进明年的计划？', '“{mention}” is after the plan year {year}: a typo, or a task for next year\'s plan?'),
    "PF208.summary": ('正文提到计划年度之后的月份（2027 年计划里的 2028年1月）', 'free text naming a month after the plan year'),
    "PF209": ('月份范围“{text}”是倒着写的，会被读成跨年的长时段；是不是“{fixed}”？', 'the month range “{text}” runs backwards and reads as a long span; did you mean “{fixed}”?'),
    "PF210": ('月度安排里“{when}”又出现了一次（第一次在第 {first} 行），中间隔着别的月份：是重复粘贴，还是月份写错了？', 'the schedule names “{when}” again (first on line {first}) with other months between: pasted twice, or a mistyped month?'),
    "PF210.skipped": ('月度安排里“{when}”连着出现两次，下一个月却没有：第二个是不是“{meant}”？', '“{when}” twice in a row in the schedule and the next month nowhere: is the second one {meant}?'),
    "PF210.summary": ('月度安排里同一个月隔开出现两次', 'one month twice in the schedule, with other months between'),
    "PF211": ('“{text}”不是日历上有的日期：读不出时间，这项工作就没有月份了', '“{text}” is no date on any calendar: no time can be read from it'),
    "PF211.summary": ('不存在的月份或日期（13月、2月30日）', 'a month or day no calendar has (13月, 2月30日)'),
    "PF209.summary": ('倒写的月份范围（11-9月）', 'a month range written backwards (11-9月)'),
    "PF207": ('时间“{word}”不明确', 'the time “{word}” is vague'),
    "PF207.summary": ('适时、时间待定、另行通知、近期', '适时, 时间待定, 另行通知, 近期'),
    "PF301": ('标题与第 {first} 行重复', 'the same title as line {first}'),
    "PF301.summary": ('两个部分或事项的标题相同', 'two sections or items with the same title'),
    "PF302": ('内容与第 {first} 行的事项几乎相同（相似度 {score}）', 'nearly the same text as the item at line {first} (similarity {score})'),
    "PF302.summary": ('两个事项的内容几乎相同（复制粘贴）', 'items whose text is nearly the same (pasted twice)'),
    "PF303": ('指标“{what}”出现两次，数值不同（另见第 {first} 行）', 'the target “{what}” appears twice with different values (see line {first})'),
    "PF303.summary": ('同一指标给了两个不同的数值', 'the same metric given twice with different values'),
    "PF401": ('未替换的占位符“{text}”', 'unfilled placeholder “{text}”'),
    "PF401.summary": ('20xx、XX年、xx区、***、××、____、某某、TODO、删掉数字后剩下的单位', '20xx, xx区, ***, ××, ____, 某某, TODO, a unit left without its number'),
    "PF402": ('标点重复“{text}”', 'doubled punctuation “{text}”'),
    "PF402.summary": (',, 。。 ，， 、、 ；； ,。（不含 …… 和 ——）；可自动修复', 'doubled punctuation (not …… or ——); fixable'),
    "PF403": ('中文之间用了半角标点“{text}”，应为“{full}”{more_zh}', 'half-width “{text}” between Chinese characters; use “{full}”{more_en}'),
    "PF403.summary": ('中文之间的半角 , ; : ? ! ( )；可自动修复', 'ASCII , ; : ? ! ( ) between Chinese characters; fixable'),
    "PF404": ('“{open}”与“{close}”不成对（{opens} 个对 {closes} 个）', '“{open}” and “{close}” do not pair up ({opens} against {closes})'),
    "PF404.summary": ('引号、书名号、括号不成对', 'unmatched “” 《》 （） 【】'),
    "PF405": ('日期“{text}”有前导零，应写作“{fixed}”', 'the date “{text}” has a leading zero; write “{fixed}”'),
    "PF405.summary": ('2027年01月08日 这样的前导零；可自动修复', 'leading zeros in dates (2027年01月08日); fixable'),
    "PF405.dotted": ('日期“{text}”应写作“{fixed}”', 'write the date “{text}” as “{fixed}”'),
    "PF407": ('“{text}”：同一个字重复了', '“{text}”: the same character typed twice'),
    "PF407.summary": ('要要加强、的的 这样重复输入的虚词', 'a function word typed twice (要要加强, 的的)'),
    "PF408": ('这一段以逗号结束，下一行就是新的条目：句子没有写完（“…{text}”）', 'this paragraph ends with a comma right before the next item: the sentence is unfinished (“…{text}”)'),
    "PF408.summary": ('段落在下一条目前以逗号结束：句子被截断（文档）', 'a paragraph ending with a comma before the next item: a cut sentence (documents)'),
    "PF410": ('全角数字“{text}”应写作“{fixed}”{more_zh}；可自动修复', 'full-width digits “{text}”: write “{fixed}”{more_en}; fixable'),
    "PF410.summary": ('２０２７年、３００人次 这样的全角数字；可自动修复', 'full-width digits (２０２７年, ３００人次); fixable'),
    "PF409": ('“{text}”：网页注音留下的拼音{more_zh}；可自动删除', '“{text}”: pinyin left by a web page\'s reading aid{more_en}; fixable'),
    "PF409.summary": ('建設(shè) 这样夹在字后的拼音；可自动修复', 'pinyin inserted after a character (建設(shè)); fixable'),
    "PF406": ('有看不见的字符 {code}（{name_zh}），多半是从网页或微信粘贴带来的{more_zh}；可自动删除', 'an invisible character {code} ({name_en}), usually pasted from a web page{more_en}; fixable'),
    "PF406.summary": ('零宽空格、软连字符、双向文字控制符等看不见的字符；可自动修复', 'zero-width spaces, soft hyphens, bidirectional controls and other invisible characters; fixable'),
    "PF501": ('编号跳号：{detail}', 'numbering skips: {detail_en}'),
    "PF501.summary": ('一、二、四、这样的跳号（文档）', '一、二、四、 (documents)'),
    "PF502": ('编号重复：{detail}', 'numbering repeats: {detail_en}'),
    "PF502.summary": ('同一级出现两个三、（文档）', '三、 twice at one level (documents)'),
    "PF503": ('编号没有按部分重新开始：{detail}', 'numbering does not restart per section: {detail_en}'),
    "PF503.summary": ('没有新上级却从 1 重新编号，或别的部分都重新编号时这一部分却接续（文档）', 'a list restarting without a new parent, or running on where the other sections restart'),
    "PF504": ('同一级混用了“{a}”和“{b}”两种编号写法', 'one list mixes “{a}” and “{b}”'),
    "PF504.bare": ('序号“{marker}”后缺少“、”或“.”', 'the item number “{marker}” has no separator (、 or .)'),
    "PF504.summary": ('同一列表混用 1、 和 1.；规格标题里手写了序号', '1、 and 1. in one list; a typed number in a spec title'),
    "PF505": ('“{child}”出现在“{parent}”之下，层级顺序颠倒', '“{child}” sits below “{parent}”: the levels are out of order'),
    "PF505.summary": ('（一）在一、之上等层级颠倒（文档）', '（一） above 一、 and other inverted levels (documents)'),
    "PF601": ('这份文档读起来像工作总结而不是计划；指标和时间规则已放宽为提示', 'this reads as a summary, not a plan; target and date rules are softened'),
    "PF601.summary": ('文档像总结（“了”多、一年来、截至）', 'the document reads as a retrospective'),
    "PF602": ('“{title}”部分没有任何事项或正文', 'the section “{title}” has no items and no text'),
    "PF602.summary": ('一级部分既无事项也无正文', 'a section with no items and no text'),
    "PF603": ('缺少{elements}', 'missing: {elements}'),
    "PF604": ('有 {count} 行网页残留文字（第 {lines} 行），如“{text}”：不是计划的内容', '{count} lines of web-page residue (lines {lines}), such as “{text}”: not part of the plan'),
    "PF604.summary": ('网页残留文字：网址、发布时间、导航、“相关文章”列表', 'web-page residue: addresses, timestamps, navigation, related-article lists'),
    "PF603.summary": ('缺少标题、单位、年度、落款或成文日期', 'no title, organisation, year, signature or date'),
    "render_lint_summary": (
        "注意：检查发现 {count} 个错误（{codes}），CI 会拒绝这份计划；运行 planforge lint {path} 查看，或加 --strict 拒绝渲染",
        "note: lint finds {count} error(s) ({codes}) that CI would reject; run planforge lint {path}, or add --strict to refuse",
    ),
    # --- CLI summaries ---
    "wrote": ("已写入 {path}", "wrote {path}"),
    "wrote_schema_too": ("已写入 {path}（编辑器据此补全字段）", "wrote {path} (editors complete fields from it)"),
    "org_placeholder": ("没有给出 --org：单位名称暂写作“某某单位工会”，请在规格里替换",
                        "no --org given: the organisation is written as the placeholder “某某单位工会”; replace it"),
    "next_step_render": ("下一步：planforge render {path}", "next: planforge render {path}"),
    "more_problems": ("……另有 {count} 个问题未列出", "…and {count} more problem(s) not shown"),
    "errors_found": ("{count} 个错误", "{count} error(s)"),
    "prompt_org": ("单位名称（如 市卫生健康局工会）", "organisation (e.g. 市卫生健康局工会)"),
    "prompt_year": ("计划年度", "plan year"),
    # --- the language server, `planforge lsp` (issue 27) ---
    "lsp_missing": ("planforge lsp 需要语言服务器组件，请先安装：pip install 'planforge[lsp]'",
                    "planforge lsp needs the language server extra: pip install 'planforge[lsp]'"),
    "lsp_more": ("另有 {count} 个问题未在编辑器中列出（共 {total} 个，错误优先）；运行 planforge lint 查看全部",
                 "{count} more problem(s) not shown in the editor ({total} in all, errors first); run planforge lint for all"),
    "lsp_first_copy": ("第一次出现在这里", "the first copy is here"),
    "lsp_item_time": ("事项 {number}{title} 的时间", "the time of item {number}{title}"),
    "lsp_fix": ("修复 {code}：{message}", "Fix {code}: {message}"),
    "lsp_fix_rule": ("修复本文件全部 {count} 处 {code}", "Fix all {count} {code} in this file"),
    "lsp_fix_all": ("修复全部可自动修复的问题（planforge）", "Fix all safe fixes (planforge)"),
    "lsp_suppress": ("在本行忽略 {code}", "Ignore {code} on this line"),
    "lsp_fail": ("不通过 / FAIL", "FAIL"),
    "lsp_pass": ("通过 / PASS", "PASS"),
    "lsp_rule_docs": ("规则说明", "rule documentation"),
    "lsp_hover_targets": ("指标：{text}", "Targets: {text}"),
    "lsp_hover_when": ("时间：{when}", "Time: {when}"),
    "lsp_hover_when_months": ("时间：{when}（{months}月）", "Time: {when} (months {months})"),
    "lsp_hover_owner": ("责任部门：{owner}", "Owner: {owner}"),
    "lsp_failed": ("planforge 语言服务器未能检查 {path}：{detail}（其他文件照常检查）",
                   "the planforge language server could not check {path}: {detail} (other files are still checked)"),
    "internal_error": (
        "planforge 内部错误（这是程序缺陷，请报告）：{detail}",
        "planforge internal error (a bug, please report it): {detail}",
    ),
}


class Bilingual(str):
    """A message argument that has its own Chinese and English form (an OS error's reason, a
    YAML fault): `Problem.message` asks it for the language being printed."""

    zh: str
    en: str

    def __new__(cls, zh: str | None, en: str) -> Bilingual:
        obj = super().__new__(cls, en)
        obj.zh, obj.en = zh or en, en
        return obj

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # pickled with both forms (lint's worker processes)
        return Bilingual, (self.zh, self.en)


SHOWN_LINES = 12  # a message lists at most this many line numbers, then 等


def line_list(lines) -> Bilingual:
    """Line numbers as a message lists them, the first twelve: 3、15、27等 in Chinese, 3, 15, 27
    and more in English."""
    shown = [str(line) for line in lines]
    more = len(shown) > SHOWN_LINES
    return Bilingual("、".join(shown[:SHOWN_LINES]) + ("等" if more else ""),
                     ", ".join(shown[:SHOWN_LINES]) + (" and more" if more else ""))


def current_language(explicit: str | None = None) -> str:
    """The language chosen by an option, else by PLANFORGE_LANG, else Chinese."""
    for candidate in (explicit, os.environ.get("PLANFORGE_LANG")):
        if candidate:
            short = candidate.strip().lower()[:2]
            if short in LANGUAGES:
                return short
    return "zh"


def translate(key: str, lang: str = "zh", /, **args: object) -> str:
    """The message `key` in `lang`; an argument with a form of its own in each language
    (`Bilingual`) is given in that language."""
    zh, en = MESSAGES[key]
    return _filled(en if lang == "en" else zh, lang, args)


def translate_in_paragraphs(key: str, lang: str = "zh", /, **args: object) -> str:
    """`translate` for a place in a Word file, which has paragraphs, not lines: the numbers a
    message gives (第 12 行, lines 3, 15) count paragraphs there (readers/docx.py), so it says so
    (第 12 段, paragraphs 3, 15), or a reader would count the lines Word shows on the page."""
    return _filled(_said_of_paragraphs(key, lang), lang, args)


_PARAGRAPH_TEMPLATES: dict[tuple[str, str], str] = {}  # (key, lang) → its template said of paragraphs


def _said_of_paragraphs(key: str, lang: str) -> str:
    template = _PARAGRAPH_TEMPLATES.get((key, lang))
    if template is None:
        import re

        zh, en = MESSAGES[key]
        template = en if lang == "en" else zh
        for said_of_lines, said_of_paragraphs in _PARAGRAPHS_FOR_LINES:
            template = re.sub(said_of_lines, said_of_paragraphs, template)
        _PARAGRAPH_TEMPLATES[key, lang] = template
    return template


# How a message template names line numbers and counts of lines, and the same for paragraphs.
_PARAGRAPHS_FOR_LINES = (
    (r"第 (\{\w+\}) 行", r"第 \1 段"), (r"(\{count\}) 行", r"\1 段"), (r"下一行", "下一段"), (r"两行", "两段"),
    (r"\blines (\{\w+\})", r"paragraphs \1"), (r"\b(?:at|on) line (\{\w+\})", r"in paragraph \1"),
    (r"\bline (\{\w+\})", r"paragraph \1"),
    (r"(\{count\}) lines\b", r"\1 paragraphs"), (r"\btwo lines\b", "two paragraphs"),
)


def _filled(template: str, lang: str, args: dict[str, object]) -> str:
    return template.format(**{name: value.message(lang) if isinstance(value, Bilingual) else value
                              for name, value in args.items()})
