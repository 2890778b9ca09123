//! Native tool: renders every chart to `img/<id>.svg` and writes the dataset
//! as `data/<dataset>.csv` and `.json` under the directory given, for static
//! fallbacks and downloads. Same core, same look as the canvas.

use std::path::Path;
use std::process::ExitCode;

use pk_security_charts::chart::{self, CHART_IDS};
use pk_security_charts::store::Store;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: pk-render <output-dir>   (writes img/<chart-id>.svg and data/<dataset>.csv|json)");
        return ExitCode::from(2);
    };
    match run(Path::new(&out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(out: &Path) -> Result<(), String> {
    let store = Store::builtin().map_err(|e| e.to_string())?;
    let img = out.join("img");
    let data = out.join("data");
    std::fs::create_dir_all(&img).map_err(|e| format!("cannot create {}: {e}", img.display()))?;
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    for id in CHART_IDS {
        let spec = chart::build(id, store).map_err(|e| e.to_string())?;
        let svg = pk_security_charts::render::svg(&spec, 640.0, false).map_err(|e| format!("{id}: {e}"))?;
        write(&img.join(format!("{id}.svg")), &svg)?;
    }
    let name = &store.data.id;
    write(&data.join(format!("{name}.csv")), &pk_security_charts::export::csv(store))?;
    write(&data.join(format!("{name}.json")), pk_security_charts::data::BUILTIN_JSON)?;
    println!("wrote {} charts to {} and the dataset to {}", CHART_IDS.len(), img.display(), data.display());
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
