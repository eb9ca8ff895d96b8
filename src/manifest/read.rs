//! Reading documents from files, directories and stdin, one at a time.

use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::document::{Document, Origin, Source};
use super::error::{Error, ErrorKind};
use super::parse::{DuplicateKeys, Limits, parse_document, parse_value};
use super::split::{RawDocument, SplitError, Splitter};

/// Turn command-line arguments (files, directories, `-`) into the list of
/// sources to read. Directories are walked recursively for `.yaml`, `.yml`
/// and `.json` files, in sorted order; a file named explicitly is read
/// whatever its extension.
pub fn expand_paths<S: AsRef<str>>(args: &[S]) -> Result<Vec<Source>, Error> {
    let mut out = Vec::new();
    for arg in args {
        let arg = arg.as_ref();
        if arg == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        let meta = fs::metadata(&path).map_err(|e| Error::io(Source::File(path.clone()), &e))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(&path, &mut files)?;
            files.sort();
            out.extend(files.into_iter().map(Source::File));
        } else {
            out.push(Source::File(path));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(Source::File(dir.to_path_buf()), &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(Source::File(dir.to_path_buf()), &e))?;
        let path = entry.path();
        let ft = entry
            .file_type()
            .map_err(|e| Error::io(Source::File(path.clone()), &e))?;
        if ft.is_dir() {
            walk(&path, files)?;
        } else if is_manifest_file(&path) {
            files.push(path);
        }
    }
    Ok(())
}

/// Whether a file found in a directory walk is a manifest.
pub fn is_manifest_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
}

/// Open a source for buffered reading.
pub fn open(source: &Source) -> Result<Box<dyn BufRead>, Error> {
    match source {
        Source::Stdin => Ok(Box::new(BufReader::with_capacity(64 * 1024, io::stdin()))),
        Source::File(p) => {
            let f = fs::File::open(p).map_err(|e| Error::io(source.clone(), &e))?;
            Ok(Box::new(BufReader::with_capacity(64 * 1024, f)))
        }
    }
}

/// Parse one raw document from `source`.
pub fn parse_raw(raw: RawDocument, source: &Source, limits: Limits) -> Result<Document, Error> {
    parse_raw_inner(raw, source, limits, true)
}

/// [`parse_raw`] without the field-line index (`fields` is empty): for
/// pipelines that need only the value and the document's origin.
pub fn parse_raw_value(
    raw: RawDocument,
    source: &Source,
    limits: Limits,
) -> Result<Document, Error> {
    parse_raw_inner(raw, source, limits, false)
}

fn parse_raw_inner(
    raw: RawDocument,
    source: &Source,
    limits: Limits,
    lines: bool,
) -> Result<Document, Error> {
    let origin = Origin {
        source: source.clone(),
        index: raw.index,
        first_line: raw.first_line,
        line: raw.start_line(),
    };
    let parsed = if lines {
        parse_document(&raw.text, limits)
    } else {
        parse_value(&raw.text, limits, DuplicateKeys::Error)
    };
    match parsed {
        Ok(parsed) => Ok(Document {
            raw: raw.text,
            value: parsed.value,
            origin,
            fields: parsed.lines,
        }),
        Err(e) => Err(Error {
            file: source.clone(),
            index: Some(raw.index),
            line: Some(if e.line == 0 {
                origin.line
            } else {
                e.line + raw.first_line - 1
            }),
            column: (e.column > 0).then_some(e.column),
            kind: ErrorKind::Syntax(e.message),
        }),
    }
}

/// An iterator over the documents of one stream, parsed one at a time.
pub struct DocumentReader<R> {
    splitter: Splitter<R>,
    source: Source,
    limits: Limits,
}

impl<R: BufRead> DocumentReader<R> {
    pub fn new(reader: R, source: Source) -> Self {
        DocumentReader {
            splitter: Splitter::new(reader),
            source,
            limits: Limits::default(),
        }
    }

    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The next raw document, unparsed (for callers that pass most documents through).
    pub fn next_raw(&mut self) -> Option<Result<RawDocument, Error>> {
        let source = &self.source;
        self.splitter
            .next()
            .map(|r| r.map_err(|e| split_error(source, e)))
    }
}

fn split_error(source: &Source, e: SplitError) -> Error {
    match e {
        SplitError::Separator(s) => Error {
            file: source.clone(),
            index: None,
            line: Some(s.line),
            column: None,
            kind: ErrorKind::Separator(s.rest),
        },
        SplitError::Io(io) => Error::io(source.clone(), &io),
        SplitError::NotUtf8 { line } => Error {
            file: source.clone(),
            index: None,
            line: Some(line),
            column: None,
            kind: ErrorKind::NotUtf8,
        },
    }
}

impl<R: BufRead> Iterator for DocumentReader<R> {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = match self.next_raw()? {
            Ok(raw) => raw,
            Err(e) => return Some(Err(e)),
        };
        Some(parse_raw(raw, &self.source, self.limits))
    }
}

/// Read every document of every source into memory (small inputs, tests,
/// commands that need the whole set such as `analyze`).
pub fn read_all(sources: &[Source]) -> Result<Vec<Document>, Error> {
    let mut docs = Vec::new();
    for source in sources {
        let reader = open(source)?;
        for doc in DocumentReader::new(reader, source.clone()) {
            docs.push(doc?);
        }
    }
    Ok(docs)
}

/// Read documents from a string (tests and embedded data).
pub fn read_str(text: &str, source: Source) -> Result<Vec<Document>, Error> {
    DocumentReader::new(text.as_bytes(), source).collect()
}
