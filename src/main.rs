//! Entry point of the browser app: everything lives in the library; this only starts it.
fn main() {
    screener::start();
}
