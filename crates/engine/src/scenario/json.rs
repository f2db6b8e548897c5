//! JSON writing for the message API's `state` (numbers, strings, arrays, objects): the shared
//! writer in `strata-json`. The browser parses the text back into an object before posting it.

pub use strata_json::{numbers, write_string as string};
