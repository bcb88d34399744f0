//! Pool reports for people: a bar chart as hand-written SVG (no plotting crate; it is a few rectangles) and a
//! self-contained HTML page that opens in any browser.

use crate::domain::money::{Som, group_decimal};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;

/// Escapes text for HTML and SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart of labelled amounts (negative amounts draw as zero-length bars).
pub fn bar_chart_svg(title: &str, bars: &[(String, Som)]) -> String {
    const WIDTH: u32 = 640;
    const LABEL: u32 = 180;
    const ROW: u32 = 26;
    let max = bars.iter().map(|(_, v)| v.amount()).max().unwrap_or(Decimal::ZERO);
    let height = 40 + ROW * bars.len() as u32;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" font-family="sans-serif" font-size="12"><title>{}</title><text x="0" y="16" font-size="14" font-weight="bold">{}</text>"#,
        escape(title),
        escape(title)
    );
    let room = Decimal::from(WIDTH - LABEL - 110);
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = 30 + ROW * i as u32;
        let w = if max > Decimal::ZERO && value.is_positive() {
            (value.amount() / max * room).round().to_u32().unwrap_or(0)
        } else {
            0
        };
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{LABEL}" y="{}" width="{w}" height="18" fill="#2f6f8f"/><text x="{}" y="{}">{}</text>"##,
            LABEL - 6,
            y + 13,
            escape(label),
            y,
            LABEL + w + 6,
            y + 13,
            escape(&group_decimal(value.amount(), 2))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A simple HTML table section.
pub struct HtmlTable<'a> {
    pub title: &'a str,
    pub header: &'a [&'a str],
    pub rows: Vec<Vec<String>>,
}

/// A whole HTML page: title, charts (SVG), then tables.
pub fn html_page(title: &str, charts: &[String], tables: &[HtmlTable<'_>]) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;margin:1em 0}}\
         td,th{{border:1px solid #bbb;padding:4px 8px}}td.n{{text-align:right}}</style></head><body><h1>{t}</h1>\n",
        t = escape(title)
    );
    for chart in charts {
        html.push_str("<figure>");
        html.push_str(chart);
        html.push_str("</figure>\n");
    }
    for table in tables {
        let _ = write!(html, "<h2>{}</h2><table><tr>", escape(table.title));
        for h in table.header {
            let _ = write!(html, "<th>{}</th>", escape(h));
        }
        html.push_str("</tr>\n");
        for row in &table.rows {
            html.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let class = if i == 0 { "" } else { " class=\"n\"" };
                let _ = write!(html, "<td{class}>{}</td>", escape(cell));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</table>\n");
    }
    html.push_str("</body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_text_is_escaped() {
        let svg = bar_chart_svg(
            "Sales <by> craft",
            &[
                ("felt & wool".into(), Som::whole(1000)),
                ("komuz".into(), Som::whole(500)),
            ],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Sales &lt;by&gt; craft") && svg.contains("felt &amp; wool"));
        assert!(svg.contains(r#"width="350""#), "largest bar fills the room: {svg}");
        assert!(svg.contains(r#"width="175""#), "half the largest: {svg}");
        assert!(svg.contains("1\u{a0}000,00"));
    }

    #[test]
    fn page_holds_charts_and_tables() {
        let html = html_page(
            "Pool",
            &["<svg></svg>".into()],
            &[HtmlTable {
                title: "By shop",
                header: &["shop", "net"],
                rows: vec![vec!["A".into(), "1".into()]],
            }],
        );
        assert!(html.contains("<figure><svg></svg></figure>") && html.contains("<td>A</td><td class=\"n\">1</td>"));
    }
}
