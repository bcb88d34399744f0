//! The layout check: a view laid out headless at a window size, as iced lays it out for the real window, and every
//! text in it measured against the box iced gave it.
//!
//! Two passes over one laid-out tree: an [`Operation`] collects every text's bounds and content (and every text
//! field's box) with the scrollables around it; drawing the tree on the CPU renderer gives each text's paragraph,
//! so its font, size and line height are the ones really used. Each text is then measured with the renderer's own
//! [`Paragraph`]: a word wider than its box, wrapped lines taller than the box, a short label or a number that does
//! not fit on one line, a text outside the window, and two texts (or a text and a field) on top of each other are
//! problems. Bounds from the layout, not pixels: the check says which text and where.
#![allow(dead_code)]

use iced::{Element, Rectangle, Size, Theme, Vector};
use iced_test::core::text::{self, Paragraph as _};
use iced_test::core::widget::{Id, Operation, operation};
use iced_test::core::{mouse, renderer};
use iced_test::renderer::graphics::text::{Paragraph, Text as Drawn};
use iced_test::runtime::UserInterface;
use iced_test::runtime::user_interface::Cache;
use std::collections::HashMap;
use std::fmt;

/// The window sizes every screen must fit.
pub const SIZES: [(f32, f32); 3] = [(1024.0, 768.0), (1280.0, 800.0), (1920.0, 1080.0)];

/// Half a pixel either way is rounding, not overflow.
const SLACK: f32 = 0.5;

/// A text or a text field found in the laid-out tree.
#[derive(Debug, Clone)]
pub struct Found {
    /// The text, or `None` for a text field.
    pub content: Option<String>,
    /// What a text field shows: its placeholder while empty, else its value.
    pub field: Option<String>,
    /// Where the layout put it (in content coordinates when inside a scrollable).
    pub bounds: Rectangle,
    /// The scrollables around it, innermost last: their visible bounds and how far they are scrolled.
    pub scroll: Vec<(Rectangle, Vector)>,
}

impl Found {
    /// Where it shows in the window: moved by the scrolling and cut to the scrollables' boxes; `None` when it is
    /// scrolled out of sight.
    pub fn visible(&self) -> Option<Rectangle> {
        let mut shown = self.bounds;
        for (clip, translation) in self.scroll.iter().rev() {
            shown = shown - *translation;
            shown = shown.intersection(clip)?;
        }
        Some(shown)
    }

    fn name(&self) -> String {
        match &self.content {
            Some(t) => format!("{t:?}"),
            None => "a text field".to_string(),
        }
    }
}

/// One thing wrong with the layout.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A word (or an amount, whose spaces do not break) is wider than the text's box.
    WordTooWide { text: String, word: f32, bounds: Rectangle },
    /// The wrapped lines are taller than the box: the last ones are cut.
    TooTall {
        text: String,
        needed: f32,
        bounds: Rectangle,
    },
    /// A label or a number wrapped onto a second line (it needs a wider box).
    Wrapped {
        text: String,
        natural: f32,
        bounds: Rectangle,
    },
    /// Part of it is outside the window.
    OutOfWindow { what: String, bounds: Rectangle },
    /// Two texts (or a text and a field) on top of each other.
    Overlap { a: String, b: String, area: Rectangle },
    /// A text field's placeholder (or the value it shows) is wider than the room inside the field: its end is
    /// cut off.
    FieldCut {
        text: String,
        natural: f32,
        room: Rectangle,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |r: &Rectangle| format!("{:.0}×{:.0} at ({:.0}, {:.0})", r.width, r.height, r.x, r.y);
        match self {
            Problem::WordTooWide { text, word, bounds } => {
                write!(f, "{text:?}: a word needs {word:.1} px in a box of {}", at(bounds))
            }
            Problem::TooTall { text, needed, bounds } => {
                write!(f, "{text:?}: needs {needed:.1} px high in a box of {}", at(bounds))
            }
            Problem::Wrapped { text, natural, bounds } => {
                write!(
                    f,
                    "{text:?}: needs {natural:.1} px on one line, wraps in a box of {}",
                    at(bounds)
                )
            }
            Problem::OutOfWindow { what, bounds } => write!(f, "{what} leaves the window: {}", at(bounds)),
            Problem::Overlap { a, b, area } => write!(f, "{a} overlaps {b}: {}", at(area)),
            Problem::FieldCut { text, natural, room } => {
                write!(
                    f,
                    "field text {text:?} needs {natural:.1} px, the field has {}",
                    at(room)
                )
            }
        }
    }
}

/// Collects texts and text fields with the scrollables they are in.
#[derive(Default)]
struct Collect {
    found: Vec<Found>,
    scroll: Vec<(Rectangle, Vector)>,
    /// A scrollable just reported itself; its children come with the next `traverse`.
    entering: Option<(Rectangle, Vector)>,
}

impl Operation for Collect {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<()>)) {
        let entered = self.entering.take();
        if let Some(s) = entered {
            self.scroll.push(s);
        }
        operate(self);
        if entered.is_some() {
            self.scroll.pop();
        }
    }

    fn container(&mut self, _id: Option<&Id>, _bounds: Rectangle) {
        self.entering = None;
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        _content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn operation::Scrollable,
    ) {
        self.entering = Some((bounds, translation));
    }

    fn text_input(&mut self, _id: Option<&Id>, bounds: Rectangle, state: &mut dyn operation::TextInput) {
        self.entering = None;
        self.found.push(Found {
            content: None,
            field: Some(state.text().to_string()),
            bounds,
            scroll: self.scroll.clone(),
        });
    }

    fn text(&mut self, _id: Option<&Id>, bounds: Rectangle, text: &str) {
        self.entering = None;
        self.found.push(Found {
            content: Some(text.to_string()),
            field: None,
            bounds,
            scroll: self.scroll.clone(),
        });
    }
}

/// How a text is drawn: what its paragraph was made with.
#[derive(Debug, Clone, Copy)]
struct Format {
    size: iced::Pixels,
    line_height: text::LineHeight,
    font: iced::Font,
    shaping: text::Shaping,
    wrapping: text::Wrapping,
}

impl Format {
    fn measure(&self, content: &str, width: f32, wrapping: text::Wrapping) -> Size {
        let paragraph = Paragraph::with_text(text::Text {
            content,
            bounds: Size::new(width, f32::INFINITY),
            size: self.size,
            line_height: self.line_height,
            font: self.font,
            align_x: text::Alignment::Default,
            align_y: iced::alignment::Vertical::Top,
            shaping: self.shaping,
            wrapping,
        });
        paragraph.min_bounds()
    }
}

/// The content of a drawn paragraph, as the widget gave it.
fn content_of(paragraph: &Paragraph) -> String {
    let lines: Vec<&str> = paragraph.buffer().lines.iter().map(|l| l.text()).collect();
    lines.join("\n")
}

/// A view laid out at one window size: what it contains and how each text is drawn.
pub struct Laid {
    pub size: Size,
    pub found: Vec<Found>,
    /// Texts that may wrap onto more lines whatever their length: the shop's own names (products).
    pub may_wrap: std::collections::HashSet<String>,
    /// Every drawn paragraph by its content, with where it was drawn (content coordinates).
    formats: HashMap<String, Vec<(iced::Point, Format)>>,
    /// Every drawn paragraph by its content: its one-line width and the box it was clipped to (a text field
    /// clips its text to the room inside its padding).
    clips: HashMap<String, Vec<(f32, Rectangle)>>,
}

/// The window's settings with its fonts loaded into the font system once: each load adds the faces again, and
/// shaping then searches them all.
pub fn load_fonts() -> iced::Settings {
    static LOADED: std::sync::Once = std::sync::Once::new();
    let settings = usta::ui::settings();
    LOADED.call_once(|| {
        for font in settings.fonts.clone() {
            iced_test::renderer::graphics::text::font_system()
                .write()
                .expect("font system")
                .load_font(font);
        }
    });
    iced::Settings {
        fonts: Vec::new(),
        ..settings
    }
}

/// Lays `view` out in a window of `size` and draws it once, the way the window would.
pub fn lay_out<Message>(view: Element<'_, Message>, size: (f32, f32)) -> Laid {
    let settings = load_fonts();
    let size = Size::new(size.0, size.1);
    let mut renderer = iced::Renderer::new(settings.default_font, settings.default_text_size);
    let mut ui = UserInterface::build(view, size, Cache::default(), &mut renderer);
    let mut collect = Collect::default();
    ui.operate(&renderer, &mut collect);
    let theme: Theme = usta::ui::theme::light();
    let style = renderer::Style {
        text_color: theme.palette().text,
    };
    ui.draw(&mut renderer, &theme, &style, mouse::Cursor::Unavailable);
    let mut formats = HashMap::new();
    let mut clips: HashMap<String, Vec<(f32, Rectangle)>> = HashMap::new();
    for layer in renderer.layers() {
        for item in &layer.text {
            for drawn in item.as_slice() {
                if let Drawn::Paragraph {
                    paragraph,
                    position,
                    clip_bounds,
                    ..
                } = drawn
                    && let Some(p) = paragraph.upgrade()
                {
                    clips
                        .entry(content_of(&p))
                        .or_default()
                        .push((p.min_bounds().width, *clip_bounds));
                    let list: &mut Vec<_> = formats.entry(content_of(&p)).or_default();
                    list.push((
                        *position,
                        Format {
                            size: p.size(),
                            line_height: p.line_height(),
                            font: p.font(),
                            shaping: p.shaping(),
                            wrapping: p.wrapping(),
                        },
                    ));
                }
            }
        }
    }
    Laid {
        size,
        found: collect.found,
        may_wrap: Default::default(),
        formats,
        clips,
    }
}

/// A short label (a word or two, a button's or a heading's; an amount is one word, its spaces do not break): it
/// must stay on one line. Sentences and the shop's own names (products, categories) may wrap.
fn is_label(content: &str) -> bool {
    content.split_whitespace().count() <= 2
}

impl Laid {
    /// Everything wrong with this layout.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let window = Rectangle::with_size(self.size);
        for found in &self.found {
            if found.bounds.width <= 0.0 || found.bounds.height <= 0.0 {
                continue;
            }
            if let Some(content) = &found.content
                && !content.trim().is_empty()
                && let Some(format) = self.format_of(content, found.bounds)
            {
                problems.extend(self.measure(content, &format, found.bounds));
            }
            if let Some(shown) = found.visible()
                && !inside(&shown, &window)
            {
                problems.push(Problem::OutOfWindow {
                    what: found.name(),
                    bounds: shown,
                });
            }
        }
        problems.extend(self.overlaps());
        problems.extend(self.fields_cut());
        problems
    }

    /// Text fields whose placeholder (or shown value) is wider than the room inside them. The field's room is
    /// the clip its text was drawn with, found as the drawn paragraph of that text clipped inside the field.
    fn fields_cut(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for found in &self.found {
            let Some(shown) = found.field.as_deref().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            let field = found.bounds.expand(SLACK);
            let Some(drawn) = self.clips.get(shown) else {
                continue;
            };
            for (natural, room) in drawn {
                if field.contains(room.position())
                    && room.x + room.width <= field.x + field.width
                    && *natural > room.width + SLACK
                {
                    problems.push(Problem::FieldCut {
                        text: shown.to_string(),
                        natural: *natural,
                        room: *room,
                    });
                }
            }
        }
        problems
    }

    /// How the text in this box was drawn: the paragraph of the same content drawn from inside the box (a
    /// heading and a button may say the same word at different sizes). A text scrolled out of sight is not
    /// drawn: it gets the drawn format that gives exactly its box's height at its width, if one does.
    fn format_of(&self, content: &str, bounds: Rectangle) -> Option<Format> {
        let grown = bounds.expand(SLACK);
        if let Some(drawn) = self.formats.get(content)
            && let Some((_, f)) = drawn.iter().find(|(at, _)| grown.contains(*at))
        {
            return Some(*f);
        }
        let mut seen: Vec<Format> = Vec::new();
        for (_, f) in self.formats.values().flatten() {
            if !seen
                .iter()
                .any(|s| s.size == f.size && s.font == f.font && s.line_height == f.line_height)
            {
                seen.push(*f);
            }
        }
        seen.into_iter().find(|f| {
            let h = f.measure(content, bounds.width, f.wrapping).height;
            (h - bounds.height).abs() <= SLACK
        })
    }

    fn measure(&self, content: &str, format: &Format, bounds: Rectangle) -> Vec<Problem> {
        let mut problems = Vec::new();
        let wrapped = format.measure(content, bounds.width, format.wrapping);
        if wrapped.width > bounds.width + SLACK {
            problems.push(Problem::WordTooWide {
                text: content.to_string(),
                word: wrapped.width,
                bounds,
            });
        }
        if wrapped.height > bounds.height + SLACK {
            problems.push(Problem::TooTall {
                text: content.to_string(),
                needed: wrapped.height,
                bounds,
            });
        }
        let natural = format.measure(content, f32::INFINITY, text::Wrapping::None).width;
        if problems.is_empty()
            && is_label(content)
            && !self.may_wrap.contains(content)
            && !content.contains('\n')
            && natural > bounds.width + SLACK
        {
            problems.push(Problem::Wrapped {
                text: content.to_string(),
                natural,
                bounds,
            });
        }
        problems
    }

    fn overlaps(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let shown: Vec<(&Found, Rectangle)> = self
            .found
            .iter()
            .filter(|f| f.content.as_deref().is_none_or(|t| !t.trim().is_empty()))
            .filter_map(|f| f.visible().map(|v| (f, v)))
            .collect();
        for (i, (a, va)) in shown.iter().enumerate() {
            for (b, vb) in &shown[i + 1..] {
                if a.content.is_none() && b.content.is_none() {
                    continue;
                }
                if let Some(area) = va.intersection(vb)
                    && area.width > SLACK
                    && area.height > SLACK
                {
                    problems.push(Problem::Overlap {
                        a: a.name(),
                        b: b.name(),
                        area,
                    });
                }
            }
        }
        problems
    }

    /// The first text with this content, for tests that look at one.
    pub fn text(&self, content: &str) -> Option<&Found> {
        self.found.iter().find(|f| f.content.as_deref() == Some(content))
    }
}

fn inside(r: &Rectangle, window: &Rectangle) -> bool {
    r.x >= window.x - SLACK
        && r.y >= window.y - SLACK
        && r.x + r.width <= window.x + window.width + SLACK
        && r.y + r.height <= window.y + window.height + SLACK
}

/// Lays `view` out at every supported size and returns every problem found, naming the screen; `may_wrap` are
/// the shop's own names, which may take two lines.
pub fn check<'a, Message>(
    name: &str,
    may_wrap: &std::collections::HashSet<String>,
    view: impl Fn() -> Element<'a, Message>,
) -> Vec<String> {
    let mut report = Vec::new();
    for size in SIZES {
        let mut laid = lay_out(view(), size);
        laid.may_wrap = may_wrap.clone();
        assert!(
            laid.found.iter().any(|f| f.content.is_some()),
            "{name}: no text laid out"
        );
        for p in laid.problems() {
            report.push(format!("{name} at {}×{}: {p}", size.0, size.1));
        }
    }
    report
}
