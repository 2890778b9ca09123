//! A newsroom's own figures at run time (feature `user-data`, built as a
//! second wasm that only pages with user data download): a CSV, the dataset's
//! JSON, or rows from `PkCharts.render`, loaded into a [`UserData`] handle
//! that writes each chart's figure with the same HTML writer as the build; the
//! figure's canvas is then mounted like any other (`Chart`). Every error crosses to JS as a message for readers.

use wasm_bindgen::prelude::*;

use super::js_err;
use crate::data::{spreadsheet, Dataset};
use crate::html::{self, Options};
use crate::meta::chart_meta;
use crate::store::Store;

/// A loaded, validated user dataset with its derived figures.
#[wasm_bindgen]
pub struct UserData {
    store: Store,
    /// The dataset as CSV, for the figures' "Get the data" link.
    data_href: String,
}

fn load(data: Result<Dataset, crate::data::DataError>) -> Result<UserData, JsError> {
    let store = Store::new(data.map_err(|e| js_err(format!("This chart's data could not be read: {e}")))?)
        .map_err(|e| js_err(format!("This chart's data could not be read: {e}")))?;
    let data_href = crate::export::data_url(&crate::export::csv(&store));
    Ok(UserData { store, data_href })
}

#[wasm_bindgen]
impl UserData {
    /// From a spreadsheet's CSV text.
    pub fn from_csv(text: &str, title: &str) -> Result<UserData, JsError> {
        load(spreadsheet::from_csv(text, title))
    }

    /// From the dataset's own JSON schema.
    pub fn from_json(text: &str) -> Result<UserData, JsError> {
        load(Dataset::from_json(text))
    }

    /// From rows shaped like the CSV's, as JSON (`PkCharts.render`'s `figures`).
    pub fn from_rows(rows_json: &str, title: &str) -> Result<UserData, JsError> {
        load(spreadsheet::from_rows_json(rows_json, title))
    }

    /// Shows everything in this language, digits and grouping (the page's
    /// `lang`, `digits` and `grouping` parameters); the words come from the
    /// data's own `translations` and the UI's.
    pub fn set_locale(&mut self, lang: &str, digits: &str, grouping: &str) {
        let locale = crate::text::locale::Locale::parse(lang, digits, grouping);
        self.store = self.store.localized(locale);
    }

    /// Orders every chart's bars largest first (the "Make a chart" page's choice).
    pub fn sort_by_value(&mut self) {
        for panel in std::sync::Arc::make_mut(&mut self.store.data).charts.iter_mut().flat_map(|c| c.panels.iter_mut())
        {
            panel.sort = "desc".to_owned();
        }
    }

    /// Every chart the data declares (one per group when it declares none).
    pub fn chart_ids(&self) -> Vec<String> {
        crate::chart::chart_ids(&self.store).into_iter().map(str::to_owned).collect()
    }

    /// The inside of chart `id`'s `<figure>`, written as the build writes it.
    pub fn figure_html(&self, id: &str, title_level: u8) -> Result<String, JsError> {
        let spec = crate::chart::build(id, &self.store).map_err(js_err)?;
        let meta = chart_meta(&spec, &self.store).map_err(js_err)?;
        let o = Options { base: "", title_level, drawings: None, data_href: Some(&self.data_href), theme: None };
        Ok(html::figure_inner(&meta, &self.store, &o))
    }
}
