//! Over 500 lines: one layout engine (pages, facts, tables, the chart) and the five
//! sections drawn with it; split, each half would need the other's internals.
//! The pack as an A4 PDF: headings, tables, the daily bars, and the account, month and
//! page number on every page. Written with `pdf-writer` in the standard Helvetica font,
//! which every reader has, so nothing is embedded (see ARCHITECTURE.md for the choice).

use super::{
    hours, local, month_label, ratio, AccessKind, BackupMonth, CompliancePack, MonitorMonth, Night,
    Section, ACCESS_CLAUSES, BACKUP_CLAUSES, EVIDENCE_CLAUSES, MAINTENANCE_CLAUSES, UPTIME_CLAUSES,
};
use admin_api::{DayBar, DayState, SlaStatus};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const TOP: f32 = HEIGHT - 70.0;
const BOTTOM: f32 = 60.0;
const BODY: f32 = 9.0;
const LINE: f32 = 12.5;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

/// Helvetica's advance widths (per 1000 units) for ' '..='~', from its AFM.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// Text in the font's WinAnsi encoding: Latin-1 letters (ä, ö, å) as they are, typographic
/// dashes as hyphens, anything else as `?` rather than a wrong glyph.
fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0x20..=0x7e | 0xa0..=0xff => c as u32 as u8,
            0x2013 | 0x2014 | 0x2212 => b'-',
            _ => b'?',
        })
        .collect()
}

fn width(text: &str, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| match c as u32 {
            c @ 0x20..=0x7e => u32::from(HELVETICA[(c - 0x20) as usize]),
            _ => 556,
        })
        .sum();
    units as f32 * size / 1000.0
}

/// `text` cut to fit `room`, with an ellipsis of dots when cut.
fn fit(text: &str, size: f32, room: f32) -> String {
    if width(text, size) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&format!("{out}{c}..."), size) > room {
            break;
        }
        out.push(c);
    }
    format!("{out}...")
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// Pages being laid out top to bottom; the running header and the page numbers are added
/// when the page count is known.
struct Layout {
    pages: Vec<Content>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        let mut layout = Layout {
            pages: Vec::new(),
            y: TOP,
        };
        layout.new_page();
        layout
    }

    fn new_page(&mut self) {
        self.pages.push(Content::new());
        self.y = TOP;
    }

    fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a page is always open")
    }

    /// Room for `height` more on this page, or a new page.
    fn need(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, font: Name, size: f32, text: &str, align: Align) {
        let x = match align {
            Align::Left => x,
            Align::Right => x - width(text, size),
        };
        let bytes = encode(text);
        let page = self.page();
        page.begin_text();
        page.set_font(font, size);
        page.next_line(x, y);
        page.show(Str(&bytes));
        page.end_text();
    }

    fn title(&mut self, text: &str) {
        self.need(30.0);
        self.y -= 18.0;
        self.text_at(MARGIN, self.y, BOLD, 16.0, text, Align::Left);
        self.y -= 10.0;
    }

    fn heading(&mut self, text: &str, clauses: &[&str]) {
        self.need(50.0);
        self.y -= 20.0;
        self.text_at(MARGIN, self.y, BOLD, 13.0, text, Align::Left);
        if !clauses.is_empty() {
            let ids = format!("Clauses: {}", clauses.join(", "));
            self.text_at(WIDTH - MARGIN, self.y, REGULAR, 8.0, &ids, Align::Right);
        }
        self.y -= 4.0;
        let y = self.y;
        let page = self.page();
        page.set_line_width(0.6);
        page.move_to(MARGIN, y);
        page.line_to(WIDTH - MARGIN, y);
        page.stroke();
        self.y -= 4.0;
    }

    fn subheading(&mut self, text: &str) {
        self.need(30.0);
        self.y -= 16.0;
        self.text_at(MARGIN, self.y, BOLD, 10.5, text, Align::Left);
        self.y -= 2.0;
    }

    fn line(&mut self, text: &str) {
        self.need(LINE);
        self.y -= LINE;
        let text = fit(text, BODY, WIDTH - 2.0 * MARGIN);
        self.text_at(MARGIN, self.y, REGULAR, BODY, &text, Align::Left);
    }

    /// A line that says what is missing, in place of figures.
    fn unavailable(&mut self, why: &str) {
        self.line(&format!("Not available: {why}."));
    }

    /// Label and value pairs, values right-aligned in one column.
    fn facts(&mut self, rows: &[(&str, String)]) {
        for (label, value) in rows {
            self.need(LINE);
            self.y -= LINE;
            self.text_at(MARGIN + 10.0, self.y, REGULAR, BODY, label, Align::Left);
            self.text_at(MARGIN + 330.0, self.y, REGULAR, BODY, value, Align::Right);
        }
    }

    /// A table with a bold header row, repeated on each page it runs onto.
    fn table(&mut self, columns: &[(&str, f32, Align)], rows: &[Vec<String>]) {
        let header = |layout: &mut Layout| {
            layout.need(2.0 * LINE);
            layout.y -= LINE;
            let mut x = MARGIN;
            for (name, w, align) in columns {
                let at = match align {
                    Align::Left => x,
                    Align::Right => x + w - 4.0,
                };
                layout.text_at(at, layout.y, BOLD, BODY, name, *align);
                x += w;
            }
        };
        header(self);
        if rows.is_empty() {
            self.line("(none in this month)");
            return;
        }
        for row in rows {
            if self.y - LINE < BOTTOM {
                self.new_page();
                header(self);
            }
            self.y -= LINE;
            let mut x = MARGIN;
            for ((_, w, align), cell) in columns.iter().zip(row) {
                let cell = fit(cell, BODY, w - 6.0);
                let at = match align {
                    Align::Left => x,
                    Align::Right => x + w - 4.0,
                };
                self.text_at(at, self.y, REGULAR, BODY, &cell, *align);
                x += w;
            }
        }
    }

    /// The month's days as bars coloured by how the day looked, as the uptime panel shows
    /// them, with a legend: drawn with rectangles, no image.
    fn daily_chart(&mut self, bars: &[DayBar]) {
        let height = 60.0;
        self.need(height + 40.0);
        self.y -= 8.0;
        let base = self.y - height;
        let room = WIDTH - 2.0 * MARGIN;
        let step = room / 31.0;
        for (i, bar) in bars.iter().enumerate() {
            let x = MARGIN + i as f32 * step;
            let (r, g, b) = colour(bar.state);
            let page = self.page();
            page.set_fill_rgb(r, g, b);
            page.rect(x + 1.0, base, step - 2.0, height);
            page.fill_nonzero();
            page.set_fill_rgb(0.0, 0.0, 0.0);
            if i % 5 == 0 || i + 1 == bars.len() {
                let day = bar.date.format("%d").to_string();
                self.text_at(x + 1.0, base - 9.0, REGULAR, 7.0, &day, Align::Left);
            }
        }
        self.y = base - 22.0;
        let mut x = MARGIN;
        for state in [
            DayState::Up,
            DayState::Degraded,
            DayState::Down,
            DayState::NoData,
            DayState::Maintenance,
        ] {
            let (r, g, b) = colour(state);
            let y = self.y;
            let page = self.page();
            page.set_fill_rgb(r, g, b);
            page.rect(x, y, 8.0, 8.0);
            page.fill_nonzero();
            page.set_fill_rgb(0.0, 0.0, 0.0);
            let name = day_state(state);
            self.text_at(x + 11.0, y + 1.0, REGULAR, 8.0, name, Align::Left);
            x += 22.0 + width(name, 8.0);
        }
        self.y -= 6.0;
    }

    /// The running header and "Page n of N" on every page, then the document.
    fn finish(self, pack: &CompliancePack) -> Vec<u8> {
        let total = self.pages.len();
        let header = format!(
            "Compliance pack  |  {}  |  {}",
            pack.account,
            month_label(pack.month)
        );
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let first = 6;
        let page_ids: Vec<Ref> = (0..total).map(|i| Ref::new(first + 2 * i as i32)).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(total as i32);
        pdf.type1_font(regular)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        let title = format!(
            "Compliance pack {} {}",
            pack.account,
            month_label(pack.month)
        );
        pdf.document_info(info)
            .title(TextStr(&title))
            .producer(TextStr("Admin Console"));
        let mut layout = self;
        let pages = std::mem::take(&mut layout.pages);
        for (i, mut content) in pages.into_iter().enumerate() {
            let number = format!("Page {} of {}", i + 1, total);
            for (y, left, right) in [
                (HEIGHT - 40.0, header.as_str(), ""),
                (30.0, "", number.as_str()),
            ] {
                for (text, x, align) in [
                    (left, MARGIN, Align::Left),
                    (right, WIDTH - MARGIN, Align::Right),
                ] {
                    if text.is_empty() {
                        continue;
                    }
                    let x = match align {
                        Align::Left => x,
                        Align::Right => x - width(text, 8.0),
                    };
                    let bytes = encode(text);
                    content.begin_text();
                    content.set_font(REGULAR, 8.0);
                    content.next_line(x, y);
                    content.show(Str(&bytes));
                    content.end_text();
                }
            }
            content.set_line_width(0.4);
            content.move_to(MARGIN, HEIGHT - 46.0);
            content.line_to(WIDTH - MARGIN, HEIGHT - 46.0);
            content.stroke();
            let page_id = page_ids[i];
            let content_id = Ref::new(page_id.get() + 1);
            let mut page = pdf.page(page_id);
            page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT));
            page.parent(tree);
            page.contents(content_id);
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            fonts.pair(REGULAR, regular);
            fonts.pair(BOLD, bold);
            fonts.finish();
            resources.finish();
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        pdf.finish()
    }
}

fn colour(state: DayState) -> (f32, f32, f32) {
    match state {
        DayState::Up => (0.36, 0.72, 0.36),
        DayState::Degraded => (0.95, 0.75, 0.25),
        DayState::Down => (0.85, 0.25, 0.25),
        DayState::NoData => (0.75, 0.75, 0.75),
        DayState::Maintenance => (0.35, 0.55, 0.85),
    }
}

fn day_state(state: DayState) -> &'static str {
    match state {
        DayState::Up => "up",
        DayState::Degraded => "degraded",
        DayState::Down => "down",
        DayState::NoData => "no data",
        DayState::Maintenance => "maintenance",
    }
}

pub fn sla_status(status: Option<SlaStatus>) -> &'static str {
    match status {
        Some(SlaStatus::Compliant) => "compliant",
        Some(SlaStatus::Breached) => "breached",
        Some(SlaStatus::Unverified) => "unverified (no data decides it)",
        Some(SlaStatus::OnTrack) => "on track (month in progress)",
        Some(SlaStatus::AtRisk) => "at risk (month in progress)",
        None => "not given",
    }
}

/// `12345 s (3 h 25 min)`: seconds as the service counts them, and in hours to read.
fn seconds(s: i64) -> String {
    format!(
        "{s} s ({})",
        admin_policy::maintenance::hours_minutes(s / 60)
    )
}

fn duration(s: Option<i64>) -> String {
    s.map_or_else(
        || "still open".into(),
        |s| admin_policy::maintenance::hours_minutes(s / 60),
    )
}

fn monitor(layout: &mut Layout, m: &MonitorMonth) {
    layout.subheading(&format!("Monitor: {}", m.name));
    match &m.sla {
        Section::Unavailable { why } => layout.unavailable(why),
        Section::Ready(sla) => layout.facts(&[
            ("Business time", seconds(sla.business_s)),
            ("Maintenance cut out", seconds(sla.maintenance_s)),
            ("Measured", seconds(sla.measured_s)),
            ("Up", seconds(sla.up_s)),
            ("Down", seconds(sla.down_s)),
            ("No data", seconds(sla.unmonitored_s)),
            ("Proven ratio", ratio(sla.uptime_ratio)),
            ("Best-case ratio", ratio(sla.uptime_ratio_best)),
            ("Target", format!("{:.2} %", sla.target_ratio * 100.0)),
            ("Status", sla_status(sla.status).into()),
            (
                "Business hours",
                format!(
                    "{} {}-{} ({})",
                    days(&sla.business_days),
                    sla.business_opens,
                    sla.business_closes,
                    sla.time_zone
                ),
            ),
        ]),
    }
    layout.subheading("Daily bars");
    match &m.daily {
        Section::Unavailable { why } => layout.unavailable(why),
        Section::Ready(bars) => layout.daily_chart(bars),
    }
    layout.subheading("Outages");
    match &m.incidents {
        Section::Unavailable { why } => layout.unavailable(why),
        Section::Ready(list) => {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|i| {
                    vec![
                        local(i.started_at),
                        i.ended_at.map_or_else(|| "still down".into(), local),
                        duration(i.duration_s),
                        duration(i.time_to_fix_business_s),
                        i.note.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            layout.table(
                &[
                    ("Start", 90.0, Align::Left),
                    ("End", 90.0, Align::Left),
                    ("Length", 70.0, Align::Left),
                    ("Time to fix (business)", 110.0, Align::Left),
                    ("Note", 135.0, Align::Left),
                ],
                &rows,
            );
        }
    }
}

fn days(iso: &[u8]) -> String {
    const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    iso.iter()
        .filter_map(|d| NAMES.get(usize::from(d.saturating_sub(1))))
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn backups(layout: &mut Layout, b: &BackupMonth) {
    layout.facts(&[
        ("Nights backed up", b.count(Night::BackedUp).to_string()),
        ("Nights failed", b.count(Night::Failed).to_string()),
        ("Nights missed", b.count(Night::Missed).to_string()),
        (
            "Nights before the first backup on record",
            b.count(Night::NoRecord).to_string(),
        ),
        ("Nights not yet run", b.count(Night::Pending).to_string()),
        ("Restore drills", b.drills.len().to_string()),
        ("Open alerts", b.open_alerts.len().to_string()),
        ("Restore requests", b.restores.len().to_string()),
    ]);
    let bad: Vec<Vec<String>> = b
        .nights
        .iter()
        .filter(|(_, n)| matches!(n, Night::Failed | Night::Missed))
        .map(|(d, n)| vec![d.to_string(), n.as_str().into()])
        .collect();
    layout.subheading("Failed and missed nights");
    layout.table(
        &[("Night", 90.0, Align::Left), ("State", 90.0, Align::Left)],
        &bad,
    );
    layout.subheading("Restore drills");
    let drills: Vec<Vec<String>> = b
        .drills
        .iter()
        .map(|d| {
            vec![
                local(d.started_at),
                d.backup_id.to_string(),
                if d.passed { "passed" } else { "failed" }.into(),
                d.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    layout.table(
        &[
            ("When", 90.0, Align::Left),
            ("Backup", 60.0, Align::Right),
            ("Result", 60.0, Align::Left),
            ("Reason", 285.0, Align::Left),
        ],
        &drills,
    );
    layout.subheading("Open alerts");
    let alerts: Vec<Vec<String>> = b
        .open_alerts
        .iter()
        .map(|a| vec![local(a.at), a.message.clone()])
        .collect();
    layout.table(
        &[("Raised", 90.0, Align::Left), ("Alert", 405.0, Align::Left)],
        &alerts,
    );
    layout.subheading("Restore requests");
    let restores: Vec<Vec<String>> = b
        .restores
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.steps.first().map(|s| local(s.at)).unwrap_or_default(),
                r.status.as_str().into(),
                r.estimate_hours
                    .map(|h| format!("{h:.1} h"))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    layout.table(
        &[
            ("Request", 60.0, Align::Right),
            ("Asked", 100.0, Align::Left),
            ("Status", 90.0, Align::Left),
            ("Estimate", 80.0, Align::Left),
        ],
        &restores,
    );
}

/// The whole pack as PDF bytes, and its page count.
pub fn render(pack: &CompliancePack) -> (Vec<u8>, usize) {
    let mut layout = Layout::new();
    layout.title(&format!(
        "Monthly compliance pack: {}, {}",
        pack.account,
        pack.month.name()
    ));
    layout.line(&format!(
        "Month {} (Europe/Helsinki). Made {} by Admin Console {}.",
        month_label(pack.month),
        local(pack.generated_at),
        pack.evidence.console_version
    ));
    if pack.in_progress {
        layout.line("The month has not ended: its figures are so far, not final.");
    }
    if let Some(at) = pack.from_cache_as_of {
        layout.line(&format!(
            "Offline: the service's answers are the copy kept in the cache on {}.",
            local(at)
        ));
    }
    if pack.has_no_data() {
        layout.line("No data for this month: nothing below is a measured figure.");
    }

    layout.heading("Uptime", UPTIME_CLAUSES);
    match &pack.uptime {
        Section::Unavailable { why } => layout.unavailable(why),
        Section::Ready(monitors) => {
            for m in monitors {
                monitor(&mut layout, m);
            }
        }
    }

    layout.heading("Maintenance", MAINTENANCE_CLAUSES);
    match &pack.maintenance {
        Section::Unavailable { why } => layout.unavailable(why),
        Section::Ready(m) => {
            layout.facts(&[
                ("Windows", m.windows.len().to_string()),
                ("Hours used", format!("{} h", hours(m.used_minutes))),
                ("Monthly cap", format!("{} h", hours(m.cap_minutes))),
                ("Clause violations", m.violations.len().to_string()),
            ]);
            let rows: Vec<Vec<String>> = m
                .windows
                .iter()
                .map(|w| {
                    vec![
                        w.title.clone(),
                        w.announced_at.map_or_else(|| "not announced".into(), local),
                        local(w.starts_at),
                        local(w.ends_at),
                        if w.routine { "outside" } else { "inside" }.into(),
                        w.status.as_str().into(),
                    ]
                })
                .collect();
            layout.table(
                &[
                    ("Window", 110.0, Align::Left),
                    ("Announced", 78.0, Align::Left),
                    ("Start", 78.0, Align::Left),
                    ("End", 78.0, Align::Left),
                    ("Business hours", 82.0, Align::Left),
                    ("Status", 69.0, Align::Left),
                ],
                &rows,
            );
            if !m.violations.is_empty() {
                layout.subheading("Clause violations");
                for v in &m.violations {
                    layout.line(&format!("{}: {}", v.clause, v.message));
                }
            }
        }
    }

    layout.heading("Backups", BACKUP_CLAUSES);
    match &pack.backups {
        Section::Unavailable { why } => layout.unavailable(why),
        Section::Ready(b) => backups(&mut layout, b),
    }

    layout.heading("Access", ACCESS_CLAUSES);
    match &pack.access {
        Section::Unavailable { why } => layout.unavailable(why),
        Section::Ready(a) => {
            let mut facts: Vec<(&str, String)> = vec![(
                "Role changes (grants and revocations)",
                a.role_changes().to_string(),
            )];
            for kind in AccessKind::ALL {
                facts.push((kind.label(), a.count(kind).to_string()));
            }
            layout.facts(&facts);
            let rows: Vec<Vec<String>> = a
                .rows
                .iter()
                .map(|r| {
                    vec![
                        local(r.at),
                        r.kind.label().into(),
                        r.who.clone(),
                        r.whom.clone(),
                    ]
                })
                .collect();
            layout.table(
                &[
                    ("When", 90.0, Align::Left),
                    ("What", 90.0, Align::Left),
                    ("Who", 150.0, Align::Left),
                    ("Whom", 165.0, Align::Left),
                ],
                &rows,
            );
        }
    }

    layout.heading("Evidence", EVIDENCE_CLAUSES);
    let e = &pack.evidence;
    match &e.chain_head {
        Section::Ready((seq, hash)) => {
            layout.facts(&[(
                "Audit chain head at the month's end",
                format!("event {seq}"),
            )]);
            layout.line(&format!("Hash {hash}"));
        }
        Section::Unavailable { why } => layout.unavailable(why),
    }
    match &e.chain_verified {
        Section::Ready(Ok(n)) => layout.line(&format!(
            "The cached audit chain verified: {n} events, every hash and link."
        )),
        Section::Ready(Err(seq)) => layout.line(&format!(
            "The cached audit chain does NOT verify: event {seq} does not fit it."
        )),
        Section::Unavailable { why } => layout.unavailable(why),
    }
    layout.line(&match e.synced_at {
        Some(at) => format!("The audit cache last synced {}.", local(at)),
        None => "The audit cache has never synced.".into(),
    });
    layout.line(&format!("Console version {}.", e.console_version));
    let sections = [
        ("Uptime", UPTIME_CLAUSES),
        ("Maintenance", MAINTENANCE_CLAUSES),
        ("Backups", BACKUP_CLAUSES),
        ("Access", ACCESS_CLAUSES),
        ("Evidence", EVIDENCE_CLAUSES),
    ];
    for (name, clauses) in sections {
        layout.line(&format!("{name} speaks to {}.", clauses.join(", ")));
    }
    let pages = layout.pages.len();
    (layout.finish(pack), pages)
}
