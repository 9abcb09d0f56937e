//! Tables built piece by piece (batches while counting, slices of stories) stacked into one. A
//! leaf: it imports only [`crate::error`].

use crate::error::{Error, Result};
use polars::prelude::*;

/// `base` with `parts` appended below it, in one contiguous chunk: how a table built piece by
/// piece (batches while counting, slices of stories) becomes one frame. `table` names it in
/// errors.
pub fn stack(
    table: &str,
    mut base: DataFrame,
    parts: impl IntoIterator<Item = DataFrame>,
) -> Result<DataFrame> {
    for part in parts {
        base.vstack_mut_owned(part)
            .map_err(|source| Error::Polars {
                table: table.into(),
                source,
            })?;
    }
    base.rechunk_mut();
    Ok(base)
}
