//! Placeholder: local storage of answers is being written.
