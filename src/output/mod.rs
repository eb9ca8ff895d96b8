//! The only place that writes to stdout and stderr.
//!
//! stdout carries data (manifests, tables, JSON, YAML); stderr carries
//! everything meant for people (progress, reports, warnings, errors, hints).
//! Printers write to any `Write`, so commands are testable without a terminal.

#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod color;
pub mod format;
pub mod table;
pub mod tabwriter;

use std::io::{self, IsTerminal, Write};

pub use color::{ColorChoice, Style, escape_terminal};

/// How much the user asked to hear on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Verbosity {
    /// `-q`: errors only.
    Quiet,
    /// The default: reports and warnings.
    #[default]
    Normal,
    /// `-v`: also which sources were used and why.
    Verbose,
}

/// Writes data to one stream and messages to the other.
pub struct Printer {
    out: Box<dyn Write>,
    err: Box<dyn Write>,
    color_out: bool,
    color_err: bool,
    /// stdout is a terminal: untrusted text in human formats gets escaped.
    tty_out: bool,
    verbosity: Verbosity,
}

impl Printer {
    /// A printer on the process's stdout and stderr. Colour is decided per
    /// stream from `choice`, `NO_COLOR`, `TERM` and whether it is a terminal.
    pub fn terminal(choice: ColorChoice, verbosity: Verbosity) -> Self {
        let env = color::Env::from_process();
        let tty_out = io::stdout().is_terminal();
        let color_out = choice.enabled(tty_out, &env);
        let color_err = choice.enabled(io::stderr().is_terminal(), &env);
        if color_out || color_err {
            colored::control::set_override(true);
        }
        Printer {
            out: Box::new(io::BufWriter::new(io::stdout())),
            err: Box::new(io::stderr()),
            color_out,
            color_err,
            tty_out,
            verbosity,
        }
    }

    /// A printer on arbitrary writers, colour off (tests, library users).
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write>, verbosity: Verbosity) -> Self {
        Printer {
            out,
            err,
            color_out: false,
            color_err: false,
            tty_out: false,
            verbosity,
        }
    }

    pub fn verbosity(&self) -> Verbosity {
        self.verbosity
    }

    /// Whether stdout gets colour (tables may highlight; machine formats never do).
    pub fn color_stdout(&self) -> bool {
        self.color_out
    }

    /// Whether stdout is a terminal. Human formats (tables, analyze's log
    /// lines) escape untrusted strings then; pipes get the bytes unchanged.
    pub fn stdout_is_terminal(&self) -> bool {
        self.tty_out
    }

    /// Write human-format data (a table, log lines) to stdout; on a terminal,
    /// control characters in it are shown escaped instead of interpreted.
    /// Text that carries our own colour codes must escape its fields itself.
    pub fn human(&mut self, text: &str) -> io::Result<()> {
        if self.tty_out {
            self.data(&color::escape_terminal(text))
        } else {
            self.data(text)
        }
    }

    /// The data stream. Use for manifests, tables, JSON and YAML only.
    pub fn out(&mut self) -> &mut dyn Write {
        &mut *self.out
    }

    /// Write data to stdout.
    pub fn data(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())
    }

    /// Write raw bytes of data to stdout.
    pub fn data_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }

    /// Serialize a value as pretty JSON (two-space indent, trailing newline) to stdout.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> anyhow::Result<()> {
        let text = format::json_pretty(value)?;
        self.data(&text)?;
        Ok(())
    }

    /// Serialize a value as YAML to stdout.
    pub fn yaml<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> anyhow::Result<()> {
        let text = format::yaml(value)?;
        self.data(&text)?;
        Ok(())
    }

    /// A line for people on stderr (suppressed by `-q`).
    pub fn note(&mut self, line: &str) -> io::Result<()> {
        if self.verbosity >= Verbosity::Normal {
            writeln!(self.err, "{line}")?;
        }
        Ok(())
    }

    /// A line shown only with `-v`.
    pub fn verbose(&mut self, line: &str) -> io::Result<()> {
        if self.verbosity >= Verbosity::Verbose {
            writeln!(self.err, "{line}")?;
        }
        Ok(())
    }

    /// A warning on stderr, prefixed `warning:` (suppressed by `-q`).
    pub fn warn(&mut self, message: &str) -> io::Result<()> {
        if self.verbosity >= Verbosity::Normal {
            let label = self.paint_err("warning:", Style::Warning);
            writeln!(self.err, "{label} {}", color::escape_terminal(message))?;
        }
        Ok(())
    }

    /// Print an error chain: `error: <top>`, then one `  caused by: <cause>`
    /// per line, then the hint after a blank line. Never suppressed.
    pub fn error(&mut self, err: &anyhow::Error, hint: Option<&str>) -> io::Result<()> {
        let label = self.paint_err("error:", Style::Error);
        let mut chain = err.chain();
        if let Some(top) = chain.next() {
            writeln!(
                self.err,
                "{label} {}",
                color::escape_terminal(&top.to_string())
            )?;
        }
        let mut last = err.chain().next().map(ToString::to_string);
        for cause in chain {
            let text = cause.to_string();
            // anyhow repeats a wrapped error's message when it is both the
            // context and the source; print each distinct cause once.
            if last.as_deref().is_some_and(|l| l.contains(&text)) {
                continue;
            }
            writeln!(self.err, "  caused by: {}", color::escape_terminal(&text))?;
            last = Some(text);
        }
        if let Some(hint) = hint {
            let label = self.paint_err("hint:", Style::Hint);
            writeln!(self.err, "\n{label} {hint}")?;
        }
        self.err.flush()
    }

    /// Apply a style to text bound for stderr, if colour is on there.
    pub fn paint_err(&self, text: &str, style: Style) -> String {
        color::paint(text, style, self.color_err)
    }

    /// Apply a style to text bound for stdout, if colour is on there.
    pub fn paint_out(&self, text: &str, style: Style) -> String {
        color::paint(text, style, self.color_out)
    }

    /// The people stream, for progress bars and multi-line reports.
    pub fn err(&mut self) -> &mut dyn Write {
        &mut *self.err
    }

    /// Flush both streams.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.err.flush()
    }
}

/// Print a clap parse error or help/version display and return the exit
/// code: help and version are data (stdout, 0); everything else is a usage
/// error (stderr, 64).
pub fn clap_error(err: &clap::Error) -> crate::exit::Code {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            crate::exit::Code::Ok
        }
        _ => {
            let _ = err.print();
            crate::exit::Code::Usage
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A `Write` that appends to a shared buffer, so a test can read what was written.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    impl Shared {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    fn printer(v: Verbosity) -> (Printer, Shared, Shared) {
        let (o, e) = (Shared::default(), Shared::default());
        (
            Printer::new(Box::new(o.clone()), Box::new(e.clone()), v),
            o,
            e,
        )
    }

    #[test]
    fn data_goes_to_stdout_and_notes_to_stderr() {
        let (mut p, o, e) = printer(Verbosity::Normal);
        p.data("kind: Pod\n").unwrap();
        p.note("deployment \"web\" injected").unwrap();
        p.verbose("hidden").unwrap();
        p.flush().unwrap();
        assert_eq!(o.text(), "kind: Pod\n");
        assert_eq!(e.text(), "deployment \"web\" injected\n");
    }

    #[test]
    fn quiet_silences_notes_and_warnings_but_not_errors() {
        let (mut p, o, e) = printer(Verbosity::Quiet);
        p.note("n").unwrap();
        p.warn("w").unwrap();
        p.error(&anyhow::anyhow!("boom"), Some("try again"))
            .unwrap();
        assert_eq!(o.text(), "");
        assert_eq!(e.text(), "error: boom\n\nhint: try again\n");
    }

    #[test]
    fn error_chain_prints_one_cause_per_line() {
        let (mut p, _o, e) = printer(Verbosity::Normal);
        let err = anyhow::anyhow!("file not found").context("reading app.yaml");
        p.error(&err, None).unwrap();
        assert_eq!(
            e.text(),
            "error: reading app.yaml\n  caused by: file not found\n"
        );
    }

    #[test]
    fn json_is_pretty_with_trailing_newline() {
        let (mut p, o, _e) = printer(Verbosity::Normal);
        p.json(&serde_json::json!({"a": [1, 2]})).unwrap();
        p.flush().unwrap();
        assert_eq!(o.text(), "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
    }
}
