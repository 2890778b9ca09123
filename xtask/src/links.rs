//! Checks of the built site's URLs: every relative `src`/`href` of an HTML page
//! names a file that is in `dist/`, and no file uses a root-absolute URL
//! (`src="/…"`, `href="/…"`, `url(/…)`), so that `dist/` works from any path on
//! any static host.

use std::cell::RefCell;
use std::path::Path;

use lol_html::{element, rewrite_str, text, RewriteStrSettings};

use crate::files::{all_files, read_text, relative, text_files};
use crate::html::{whole_text, NOSCRIPT};
use crate::Result;

/// What a root-absolute (or scheme-relative) URL follows: an attribute, CSS
/// `url(`, a dynamic import or a fetch, then an optional quote, then `/`.
/// Searched for as text, in scripts and style sheets as well as pages: no
/// HTML parser reads JS or CSS, and one rule for all three is simpler.
const URL_OPENERS: [&str; 6] = ["src=", "href=", "action=", "url(", "import(", "fetch("];

/// Runs both checks over `dist`; one message lists every problem.
pub fn check(dist: &Path) -> Result {
    let mut problems = Vec::new();
    for file in text_files(dist)? {
        let name = relative(dist, &file)?;
        let text = read_text(&file)?;
        for hit in absolute_urls(&text) {
            problems.push(format!("{name} uses the absolute URL `{hit}`: write it relative to the page"));
        }
        if name.ends_with(".html") {
            let dir = name.rfind('/').map_or("", |i| &name[..i]);
            for url in page_urls(&text).map_err(|e| format!("{name}: {e}"))? {
                match local_path(dir, &url) {
                    Local::Skip => {}
                    Local::Outside => problems.push(format!("{name} links `{url}`, outside the site")),
                    Local::File(path) if dist.join(&path).is_file() => {}
                    Local::File(path) => problems.push(format!("{name} links `{url}` but dist/{path} does not exist")),
                }
            }
        }
    }
    if all_files(dist)?.is_empty() {
        problems.push("dist/ is empty".to_owned());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("the site's links are broken:\n  {}", problems.join("\n  ")))
    }
}

/// The root-absolute URL openings in `text`, in order, with a little context.
fn absolute_urls(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut hits = Vec::new();
    for opener in URL_OPENERS {
        for (at, _) in lower.match_indices(opener) {
            // `xsrc="/` is not a `src` attribute; `data-src` still counts.
            if lower[..at].chars().last().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            let value = &lower[at + opener.len()..];
            if value.strip_prefix(['"', '\'']).unwrap_or(value).starts_with('/') {
                let end = text[at..].find(|c: char| c.is_whitespace() || c == '>').map_or(text.len(), |i| at + i);
                hits.push((at, text[at..end.min(at + 80)].to_owned()));
            }
        }
    }
    hits.sort();
    hits.into_iter().map(|(_, hit)| hit).collect()
}

/// The `src` and `href` values of an HTML page's elements (also in
/// `<noscript>`), in document order, entity-decoded; not inside scripts, style
/// sheets or comments, whose text is not markup.
pub fn page_urls(html: &str) -> Result<Vec<String>> {
    let urls = RefCell::new(Vec::new());
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("[src], [href]", |el| {
                // lol_html gives values as written; these are the entities our pages use.
                let decode = |v: String| v.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
                urls.borrow_mut().extend(["src", "href"].into_iter().filter_map(|a| el.get_attribute(a)).map(decode));
                Ok(())
            }))
            .append_element_content_handler(text!(
                NOSCRIPT,
                whole_text(|markup| {
                    urls.borrow_mut().extend(page_urls(markup)?);
                    Ok(markup.to_owned())
                })
            )),
    )
    .map_err(|e| format!("cannot parse the page: {e}"))?;
    Ok(urls.into_inner())
}

/// Where a URL of a page in `dir` points.
#[derive(Debug, PartialEq)]
enum Local {
    /// Not a file of the site: another origin, a scheme, a fragment.
    Skip,
    /// `..` beyond the site's root (absolute URLs are reported separately).
    Outside,
    /// A path relative to `dist/`.
    File(String),
}

fn local_path(dir: &str, url: &str) -> Local {
    let scheme = url.split_once(':').is_some_and(|(s, _)| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if url.is_empty() || url.starts_with('#') || url.starts_with('/') || scheme {
        return Local::Skip;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Local::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    let mut file = parts.join("/");
    if path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path == "." || path.ends_with("..") {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Local::File(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_attribute_urls_outside_scripts_and_comments() {
        let html = "<link rel=\"icon\" href=\"favicon.svg\"><script type=\"module\" src='app.js'></script>\
                    <script>el('img', `<img src=\"${site}x.svg\">`)</script><!-- <a href=\"gone.html\"> -->\
                    <style>a { background: url(x.png) }</style><a class=x HREF=embed.html?chart=a&amp;b=c>\
                    <img data-src=\"no.svg\" src = \"img/a.svg\"><noscript><img src=\"img/b.svg\"></noscript>";
        assert_eq!(
            page_urls(html).unwrap_or_default(),
            ["favicon.svg", "app.js", "embed.html?chart=a&b=c", "img/a.svg", "img/b.svg"]
        );
    }

    #[test]
    fn resolves_relative_urls_against_the_page() {
        assert_eq!(local_path("", "embed.html?chart=x#top"), Local::File("embed.html".into()));
        assert_eq!(local_path("", "./"), Local::File("index.html".into()));
        assert_eq!(local_path("", "?chart=x"), Local::File("index.html".into()));
        assert_eq!(local_path("a/b", "../c/d.svg"), Local::File("a/c/d.svg".into()));
        assert_eq!(local_path("a", ".."), Local::File("index.html".into()));
        assert_eq!(local_path("", "../x.html"), Local::Outside);
        for skip in ["https://example.org/", "mailto:a@b.c", "data:image/svg+xml;base64,AA", "#top", "", "/x"] {
            assert_eq!(local_path("", skip), Local::Skip, "{skip}");
        }
    }

    #[test]
    fn reports_root_absolute_urls() {
        let text = "<a href=\"/x\"><img SRC='/y.svg'><a href=\"x/\"> a { b: url(/z.png) } import('/m.js') \
                    <img data-src=\"/d\"> <link href=\"//cdn.example/x.css\"> xhref=\"/no\" split('/')";
        assert_eq!(
            absolute_urls(text),
            [
                "href=\"/x\"",
                "SRC='/y.svg'",
                "url(/z.png)",
                "import('/m.js')",
                "src=\"/d\"",
                "href=\"//cdn.example/x.css\""
            ]
        );
    }
}
