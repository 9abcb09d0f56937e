//! Commands besides `analyze`: [`kwic`] (concordance lines), [`batch`] (several analyses from a
//! TOML file and an index page) and [`compare`] (one side-by-side page of given articles).

pub mod batch;
pub mod compare;
pub mod kwic;
