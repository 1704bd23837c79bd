//! Templates and static files, layered: the default theme compiled into the binary, then
//! `themes/<name>/` on disk, then the site's own `templates/` and `static/`, file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A template larger than this is a mistake, refused before Tera sees it.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;
/// Static files are copied as they are; only something absurd is refused.
const MAX_STATIC_BYTES: u64 = 4 * 1024 * 1024 * 1024;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    Embedded(&'static [u8]),
    Disk(PathBuf),
    /// Bytes made at build time (content-hashed copies).
    Owned(std::sync::Arc<[u8]>),
}

impl StaticSource {
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            StaticSource::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
            StaticSource::Disk(p) => crate::files::read_regular(p, MAX_STATIC_BYTES)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| match e {
                    crate::files::ReadError::Io(e) => e,
                    e => std::io::Error::other(e.to_string()),
                }),
            StaticSource::Owned(b) => Ok(std::borrow::Cow::Owned(b.to_vec())),
        }
    }
}

pub struct Theme {
    pub tera: tera::Tera,
    /// Template name -> the file it came from, for error messages.
    pub sources: BTreeMap<String, PathBuf>,
    /// Output-relative path -> source, site files overriding theme files.
    pub statics: BTreeMap<String, StaticSource>,
    /// A hash of every template's name and text: pages rendered with other templates are
    /// not reused from the build cache.
    pub digest: u64,
}

impl Theme {
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
        let mut templates: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
        let mut statics: BTreeMap<String, StaticSource> = BTreeMap::new();
        let mut diags = Diagnostics::default();

        let builtin = Path::new("<built-in theme>");
        if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
            for f in all_files(dir) {
                let name = rel_name(f.path(), "templates");
                let text = String::from_utf8_lossy(f.contents()).into_owned();
                templates.insert(name.clone(), (text, builtin.join("templates").join(&name)));
            }
        }
        if let Some(dir) = DEFAULT_THEME.get_dir("static") {
            for f in all_files(dir) {
                statics.insert(
                    rel_name(f.path(), "static"),
                    StaticSource::Embedded(f.contents()),
                );
            }
        }

        let theme_dir = root.join("themes").join(&config.theme);
        if theme_dir.is_dir() {
            read_dir_layer(
                root,
                &theme_dir.join("templates"),
                &mut templates,
                &mut diags,
            );
            static_layer(&theme_dir.join("static"), &mut statics);
        } else if config.theme != "default" {
            return Err(Diagnostic::error(
                crate::config::CONFIG_FILE,
                crate::yaml::key_line(
                    &std::fs::read_to_string(root.join(crate::config::CONFIG_FILE))
                        .unwrap_or_default(),
                    "theme",
                ),
                format!(
                    "theme `{}` not found: there is no folder themes/{}/",
                    config.theme, config.theme
                ),
            )
            .into());
        }
        read_dir_layer(root, &root.join("templates"), &mut templates, &mut diags);
        static_layer(&root.join("static"), &mut statics);
        if diags.has_errors() {
            return Err(diags);
        }

        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        let sources: BTreeMap<String, PathBuf> = templates
            .iter()
            .map(|(n, (_, p))| (n.clone(), p.clone()))
            .collect();
        tera.add_raw_templates(templates.iter().map(|(n, (t, _))| (n.as_str(), t.as_str())))
            .map_err(|e| Diagnostics::from(template_error(&e, &sources)))?;
        let digest = {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            for (name, (text, _)) in &templates {
                (name, text).hash(&mut h);
            }
            h.finish()
        };
        Ok(Theme {
            tera,
            sources,
            statics,
            digest,
        })
    }
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<&include_dir::File<'_>> = dir.files().collect();
    for d in dir.dirs() {
        out.extend(all_files(d));
    }
    out
}

/// `templates/partials/x.html` -> `partials/x.html`.
fn rel_name(path: &Path, under: &str) -> String {
    let rel = path.strip_prefix(under).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_dir_layer(
    root: &Path,
    dir: &Path,
    templates: &mut BTreeMap<String, (String, PathBuf)>,
    diags: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = rel_name(entry.path().strip_prefix(dir).unwrap_or(entry.path()), "");
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let shown = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        match crate::files::read_regular(entry.path(), MAX_TEMPLATE_BYTES).map(String::from_utf8) {
            Ok(Ok(text)) => {
                templates.insert(name, (text, shown));
            }
            Ok(Err(_)) => diags.push(Diagnostic::error(
                shown,
                None,
                "template is not valid UTF-8",
            )),
            Err(e) => diags.push(Diagnostic::error(shown, None, format!("template: {e}"))),
        }
    }
}

fn static_layer(dir: &Path, statics: &mut BTreeMap<String, StaticSource>) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_name(entry.path().strip_prefix(dir).unwrap_or(entry.path()), "");
        if rel.split('/').any(|s| s.starts_with('.')) || !crate::site::urls::is_safe_relative(&rel)
        {
            continue;
        }
        statics.insert(rel, StaticSource::Disk(entry.path().to_path_buf()));
    }
}

/// A Tera error as a diagnostic on the template file and line.
pub fn template_error(err: &tera::Error, sources: &BTreeMap<String, PathBuf>) -> Diagnostic {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(te) = e.downcast_ref::<tera::Error>()
            && let tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) = te.kind()
        {
            let path = sources
                .get(r.filename())
                .cloned()
                .unwrap_or_else(|| PathBuf::from(r.filename()));
            return Diagnostic::error(
                path,
                Some(r.span().start_line),
                format!("template error: {}", r.message()),
            )
            .with_column(Some(r.span().start_col + 1));
        }
        current = e.source();
    }
    Diagnostic::error("templates", None, format!("template error: {err}"))
}
