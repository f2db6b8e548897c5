//! URL scenarios: the grammar every visualizer shares, parsed leniently.
//!
//! A scenario is the query part of `#/viz/<widget>?…`: the widget's own parameters, a seed,
//! `ops`, `compare`, `guided` and the shared `step`, `controls`, `theme`. Parsing never fails:
//! each parameter that cannot be used becomes a [`Notice`] saying what was ignored and what is
//! accepted, and the visualizer shows everything else. Formatting writes only what differs from
//! the defaults, so a copied link stays short and reproduces the screen exactly; a guided
//! scenario left as it is keeps its `guided=` name.

mod generic;
pub mod run;

pub use generic::{expand_guided, Scenario, MAX_OPS};

/// A parameter the visualizer could not use, and why. Shown next to the visualizer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub param: String,
    pub message: String,
}

impl Notice {
    pub fn new(param: impl Into<String>, message: impl Into<String>) -> Self {
        Notice { param: param.into(), message: message.into() }
    }
}

/// Which controls an embedded visualizer shows (`controls=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Controls {
    /// Everything: operations input, options, player, counters.
    #[default]
    Full,
    /// Only the step buttons and the caption: for slides.
    Step,
    /// Nothing but the structure and its caption: stepped by messages or a clicker.
    None,
}

/// The embed's colours (`theme=`); `Auto` follows the viewer's stored or system theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeChoice {
    #[default]
    Auto,
    Light,
    Dark,
    /// Light or dark ink as the system says, on no background, to sit on a slide.
    Transparent,
}

impl Controls {
    /// The value of `controls=` for this choice.
    pub fn param(self) -> &'static str {
        match self {
            Controls::Full => "full",
            Controls::Step => "step",
            Controls::None => "none",
        }
    }

    pub fn from_param(value: &str) -> Option<Controls> {
        [Controls::Full, Controls::Step, Controls::None].into_iter().find(|c| c.param() == value)
    }
}

impl ThemeChoice {
    /// The value of `theme=` for this choice.
    pub fn param(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
            ThemeChoice::Transparent => "transparent",
        }
    }

    pub fn from_param(value: &str) -> Option<ThemeChoice> {
        [ThemeChoice::Auto, ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::Transparent].into_iter().find(|t| t.param() == value)
    }
}

/// The parameters every visualizer understands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Common {
    /// The step to show, from 0 (the start) to the number of steps; `None` means the last.
    pub step: Option<usize>,
    pub controls: Controls,
    pub theme: ThemeChoice,
    /// Embeds only: show the legend of highlights under the drawing (`legend=1`).
    pub legend: bool,
}

impl Common {
    /// Takes the shared parameters it knows; returns whether `key` was one of them.
    pub fn take(&mut self, key: &str, value: &str, notices: &mut Vec<Notice>) -> bool {
        match key {
            "step" => match value.parse::<usize>() {
                Ok(n) => self.step = Some(n),
                Err(_) => notices.push(Notice::new(
                    "step",
                    format!("step={value} ignored: a step is a whole number from 0 (the start); showing the last step."),
                )),
            },
            "controls" => match Controls::from_param(value) {
                Some(c) => self.controls = c,
                None => notices.push(Notice::new(
                    "controls",
                    format!("controls={value} ignored: use full, step or none."),
                )),
            },
            "legend" => match flag("legend", value) {
                Ok(on) => self.legend = on,
                Err(n) => notices.push(n),
            },
            "theme" => match ThemeChoice::from_param(value) {
                Some(t) => self.theme = t,
                None => notices.push(Notice::new(
                    "theme",
                    format!("theme={value} ignored: use auto, light, dark or transparent."),
                )),
            },
            _ => return false,
        }
        true
    }

    /// Appends the non-default shared parameters to `out`.
    pub fn write(&self, out: &mut Vec<(String, String)>) {
        if self.controls != Controls::default() {
            out.push(("controls".into(), self.controls.param().into()));
        }
        if self.theme != ThemeChoice::default() {
            out.push(("theme".into(), self.theme.param().into()));
        }
        if self.legend {
            out.push(("legend".into(), "1".into()));
        }
        if let Some(step) = self.step {
            out.push(("step".into(), step.to_string()));
        }
    }
}

/// Joins pairs into `a=1&b=2`. Values here are drawn from a small alphabet (digits, letters,
/// `,` `-` `:`), all safe in a URL fragment, so nothing needs escaping.
pub fn join_query(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// Reads a whole number in `min..=max`, or explains what is accepted.
pub(crate) fn bounded<T>(param: &str, value: &str, min: T, max: T) -> Result<T, Notice>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    match value.trim().parse::<T>() {
        Ok(n) if n >= min && n <= max => Ok(n),
        _ => Err(Notice::new(param, format!("{param}={value} ignored: use a whole number from {min} to {max}."))),
    }
}

pub(crate) fn flag(param: &str, value: &str) -> Result<bool, Notice> {
    match value {
        "1" | "true" | "yes" | "on" | "" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(Notice::new(param, format!("{param}={value} ignored: use 1 or 0."))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_parameters_parse_and_explain_bad_values() {
        let mut c = Common::default();
        let mut notices = Vec::new();
        assert!(c.take("step", "12", &mut notices));
        assert!(c.take("controls", "step", &mut notices));
        assert!(c.take("theme", "purple", &mut notices));
        assert!(c.take("step", "-1", &mut notices));
        assert!(!c.take("degree", "5", &mut notices));
        assert_eq!(c.step, Some(12));
        assert_eq!(c.controls, Controls::Step);
        assert_eq!(c.theme, ThemeChoice::Auto);
        assert_eq!(notices.len(), 2);
        assert!(notices[0].message.contains("auto, light, dark or transparent"));
        let mut out = Vec::new();
        c.write(&mut out);
        assert_eq!(join_query(&out), "controls=step&step=12");
    }

    #[test]
    fn bounded_numbers() {
        assert_eq!(bounded::<u8>("degree", "5", 3, 10), Ok(5));
        assert!(bounded::<u8>("degree", "11", 3, 10).unwrap_err().message.contains("3 to 10"));
        assert!(bounded::<u8>("degree", "five", 3, 10).is_err());
        assert_eq!(flag("preemptive", "true"), Ok(true));
        assert!(flag("preemptive", "maybe").is_err());
    }
}
