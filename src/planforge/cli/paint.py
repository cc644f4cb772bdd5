"""Painting results for a terminal with rich: everything here is presentation, nothing decides."""

from __future__ import annotations

from planforge.i18n import translate


def print_diff_table(result, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    def say(key: str, **args) -> str:
        return translate(key, lang, **args)

    console = Console()
    console.print(f"[bold]{say('diff_heading', old=result.old_year, new=result.new_year)}[/bold]")
    console.print(escape(result.summary(lang)))
    for key, rows, colour in (("diff_added", result.added, "green"), ("diff_removed", result.removed, "red")):
        for title in rows:
            console.print(f"[{colour}]{say(key)}[/{colour}] {escape(title)}")
    for title, before, after in result.moved:
        before, after = before or say("diff_top_level"), after or say("diff_top_level")
        console.print(f"[yellow]{say('diff_moved')}[/yellow] {escape(title)}：{escape(before)} → {escape(after)}")
    for before, after in result.renamed:
        console.print(f"[yellow]{say('diff_renamed')}[/yellow] {escape(before)} → {escape(after)}")
    for title, change in result.rewritten:
        console.print(f"[yellow]{say('diff_rewritten')}[/yellow] {escape(title)}：{escape(change)}")
    if result.targets:
        table = Table(*say("diff_columns").split("|"))
        for t in result.targets:
            table.add_row(escape(t.item), escape(t.what), t.old_cell(lang), t.new, t.describe(lang))
        console.print(table)
    if result.empty:
        console.print(say("diff_none"))


def print_preview(preview, lang: str) -> None:
    """`planforge show`: the outline with badges, the targets table and the month timeline."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


    def say(key: str) -> str:
        return translate(key, lang)

    console = Console()
    console.print(Text(preview.title, style="bold"))
    for row in preview.outline:
        line = Text("  " * (row.level - 1) + row.label, style="bold" if row.level == 1 else "")
        if row.no_target:
            line.append(f"  [{say('badge_no_target')}]", style="yellow")
        if row.no_time:
            line.append(f"  [{say('badge_no_time')}]", style="magenta")
        console.print(line)
    if preview.targets:  # cells are Text, never markup: a title may hold [brackets]
        table = Table(*say("show_target_columns").split("|"), title=say("show_targets_title"))
        for row in preview.targets:
            table.add_row(*(Text(str(getattr(row, key))) for key in ("index", "what", "value", "baseline", "owner")))
        console.print(table)
    if preview.timeline:
        from rich import box

        timeline = Table(title=say("show_timeline_title"), box=box.SIMPLE, pad_edge=False, padding=(0, 0))
        timeline.add_column(say("show_timeline_item"), no_wrap=True, max_width=24, overflow="ellipsis")
        for m in range(1, 13):
            timeline.add_column(f"{m:>2}", justify="center", min_width=3, no_wrap=True)
        for row in preview.timeline:
            timeline.add_row(Text(row.label), *["██" if m in row.months else " ·" for m in range(1, 13)])
        console.print(timeline)


def print_status(status: dict, lang: str) -> None:
    """`planforge status`: sections with their share done, overdue items, targets, and the months
    with today marked."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from planforge.model.wording import figure

    def say(key: str, **args) -> str:
        return translate(key, lang, **args)

    console = Console()
    totals = status["totals"]
    console.print(f"[bold]{escape(status['plan'])}[/bold]  {say('status_as_of', date=status['date'])}")
    console.print(say("status_totals", **totals))
    sections = Table(*say("status_section_columns").split("|"))
    for s in status["sections"]:
        colour = "green" if s["share"] == 100 else "yellow" if s["done"] else "white"
        sections.add_row(escape(f"{s['number']}{s['title']}"), str(s["items"]), str(s["done"]), f"[{colour}]{s['share']}%[/{colour}]")
    console.print(sections)
    overdue = [i for i in status["items"] if i["overdue"]]
    for item in overdue:
        console.print(f"[red]{say('status_overdue')}[/red] {escape(item['title'])}（{escape(item['when'] or '')}，{item['status_zh']}）")
    if status["targets"]:
        targets = Table(*say("status_target_columns").split("|"))
        for t in status["targets"]:
            state = "—" if t["reached"] is None else "[green]✓[/green]" if t["reached"] else "[red]✗[/red]"
            rate = "—" if t["rate"] is None else f"{t['rate']}%"
            targets.add_row(escape(t["what"]), escape(figure(t["target"], t["unit"])),
                            escape(figure(t["actual"], t["unit"])), rate, state)
        console.print(targets)
    cells = []
    for m in status["timeline"]:
        cell = f"{m['month']}月 {m['done']}/{m['due']}" if m["due"] else f"{m['month']}月 ·"
        cells.append(f"[reverse]{cell}[/reverse]" if m["month"] == status["today_month"] else cell)
    console.print("  ".join(cells))
