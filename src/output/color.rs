//! Colour decisions and terminal-safe strings.

use colored::Colorize;

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// The parts of the environment that decide colour.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// `TERM=dumb`.
    pub dumb_term: bool,
    /// `FORCE_COLOR` or `CLICOLOR_FORCE` set to something other than `0`.
    pub force: bool,
}

impl Env {
    pub fn from_process() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let forced = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0");
        Env {
            no_color: set("NO_COLOR"),
            dumb_term: std::env::var("TERM").is_ok_and(|t| t == "dumb"),
            force: forced("FORCE_COLOR") || forced("CLICOLOR_FORCE"),
        }
    }
}

impl ColorChoice {
    /// Whether a stream gets colour. `--color=always|never` wins; in `auto`,
    /// `NO_COLOR` and `TERM=dumb` turn it off, `FORCE_COLOR` turns it on, and
    /// otherwise only a terminal gets colour.
    pub fn enabled(self, is_terminal: bool, env: &Env) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if env.no_color || env.dumb_term {
                    false
                } else {
                    env.force || is_terminal
                }
            }
        }
    }
}

/// What a piece of text means; the colour follows. Nothing is carried by
/// colour alone: every styled word is also spelled out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Error,
    Warning,
    Info,
    Success,
    Hint,
    Bold,
    Dim,
}

/// Style `text` if `enabled`.
pub fn paint(text: &str, style: Style, enabled: bool) -> String {
    if !enabled {
        return text.to_string();
    }
    let s = match style {
        Style::Error => text.red().bold(),
        Style::Warning => text.yellow().bold(),
        Style::Info => text.cyan(),
        Style::Success => text.green(),
        Style::Hint => text.cyan().bold(),
        Style::Bold => text.bold(),
        Style::Dim => text.dimmed(),
    };
    s.to_string()
}

/// Make an untrusted string safe for a terminal: control characters (escape
/// sequences, carriage returns, bells...) are shown escaped instead of being
/// interpreted. Newlines and tabs are kept.
pub fn escape_terminal(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_and_always_win() {
        let env = Env {
            no_color: true,
            dumb_term: true,
            force: false,
        };
        assert!(ColorChoice::Always.enabled(false, &env));
        assert!(!ColorChoice::Never.enabled(true, &Env::default()));
    }

    #[test]
    fn auto_follows_tty_and_environment() {
        assert!(ColorChoice::Auto.enabled(true, &Env::default()));
        assert!(!ColorChoice::Auto.enabled(false, &Env::default()));
        let no = Env {
            no_color: true,
            ..Env::default()
        };
        assert!(!ColorChoice::Auto.enabled(true, &no));
        let dumb = Env {
            dumb_term: true,
            ..Env::default()
        };
        assert!(!ColorChoice::Auto.enabled(true, &dumb));
        let force = Env {
            force: true,
            ..Env::default()
        };
        assert!(ColorChoice::Auto.enabled(false, &force));
    }

    #[test]
    fn paint_off_is_identity() {
        assert_eq!(paint("x", Style::Error, false), "x");
        colored::control::set_override(true);
        assert!(paint("x", Style::Error, true).contains("\u{1b}["));
    }

    #[test]
    fn escapes_control_sequences() {
        assert_eq!(escape_terminal("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(escape_terminal("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_terminal("x\ry"), "x\\ry");
    }
}
