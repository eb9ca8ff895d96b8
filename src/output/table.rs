//! kubectl-like tables: upper-case headers, no borders, columns separated by
//! three spaces, cells escaped for the terminal. For istioctl's byte-exact
//! tables use [`super::tabwriter`] instead.

use comfy_table::{CellAlignment, ContentArrangement, Table as Inner, presets};

/// A borderless table built row by row.
pub struct Table {
    inner: Inner,
}

impl Table {
    pub fn new<I, S>(headers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut inner = Inner::new();
        inner
            .load_preset(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(headers.into_iter().map(|h| h.as_ref().to_uppercase()));
        for column in inner.column_iter_mut() {
            column.set_padding((0, 3));
            column.set_cell_alignment(CellAlignment::Left);
        }
        Table { inner }
    }

    /// Add a row; cells are escaped so untrusted text cannot drive the terminal.
    pub fn row<I, S>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.inner.add_row(
            cells
                .into_iter()
                .map(|c| super::color::escape_terminal(c.as_ref()).replace('\n', "\\n")),
        );
        self
    }

    /// Render with a trailing newline and no trailing spaces on any line.
    pub fn render(&mut self) -> String {
        // Padding is only set after all columns exist.
        for column in self.inner.column_iter_mut() {
            column.set_padding((0, 3));
        }
        let text = self.inner.to_string();
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_kubectl_style() {
        let mut t = Table::new(["name", "injection"]);
        t.row(["default", "enabled"]).row(["kube-system", "-"]);
        assert_eq!(
            t.render(),
            "NAME          INJECTION\ndefault       enabled\nkube-system   -\n"
        );
    }

    #[test]
    fn escapes_cells() {
        let mut t = Table::new(["a"]);
        t.row(["x\u{1b}y\nz"]);
        assert_eq!(t.render(), "A\nx\\u{1b}y\\nz\n");
    }
}
