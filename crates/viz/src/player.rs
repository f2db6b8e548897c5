//! The step player every visualizer shares: a cursor over precomputed steps, play and pause,
//! speed, the controls, and the keyboard (including presenter clickers, which send PageUp and
//! PageDown). Moving the cursor never recomputes anything: each step carries its own state.

use leptos::ev;
use crate::timer::TimerSlot;
use leptos::prelude::*;
use std::time::Duration;
use strata_engine::scene::decimal;

/// One thing the player can be told to do, from a button, a key or a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Next,
    Prev,
    Play,
    Pause,
    TogglePlay,
    First,
    Last,
    Goto(usize),
}

impl Command {
    /// The message API's command names.
    pub fn from_name(name: &str, step: Option<usize>) -> Option<Command> {
        Some(match name {
            "next" => Command::Next,
            "prev" => Command::Prev,
            "play" => Command::Play,
            "pause" => Command::Pause,
            "first" => Command::First,
            "last" => Command::Last,
            "goto" => Command::Goto(step?),
            _ => return None,
        })
    }
}

/// Playback speeds offered, as multiples of one step every [`BASE_INTERVAL_MS`].
pub const SPEEDS: [f64; 5] = [0.5, 1.0, 1.5, 2.0, 4.0];
const BASE_INTERVAL_MS: f64 = 1100.0;

#[derive(Clone, Copy)]
pub struct Player {
    /// 0 is the start; `steps` is the last step.
    pub position: RwSignal<usize>,
    pub steps: RwSignal<usize>,
    pub playing: RwSignal<bool>,
    pub speed: RwSignal<f64>,
}

impl Player {
    pub fn new(position: usize, steps: usize) -> Player {
        let player = Player {
            position: RwSignal::new(position.min(steps)),
            steps: RwSignal::new(steps),
            playing: RwSignal::new(false),
            speed: RwSignal::new(1.0),
        };
        player.drive_playback();
        player
    }

    pub fn run(&self, command: Command) {
        let steps = self.steps.get_untracked();
        let at = self.position.get_untracked();
        match command {
            Command::Next => self.position.set((at + 1).min(steps)),
            Command::Prev => self.position.set(at.saturating_sub(1)),
            Command::First => self.position.set(0),
            Command::Last => self.position.set(steps),
            Command::Goto(n) => self.position.set(n.min(steps)),
            Command::Pause => self.playing.set(false),
            Command::Play => {
                // Playing from the end starts over, as media players do.
                if at >= steps {
                    self.position.set(0);
                }
                self.playing.set(steps > 0);
            }
            Command::TogglePlay => self.run(if self.playing.get_untracked() { Command::Pause } else { Command::Play }),
        }
        // Any explicit move stops playback, so a click never fights the timer.
        if matches!(command, Command::Next | Command::Prev | Command::First | Command::Last | Command::Goto(_)) {
            self.playing.set(false);
        }
    }

    /// Replaces the steps (new operations, new options) and moves to `position`.
    pub fn reset(&self, steps: usize, position: usize) {
        self.steps.set(steps);
        self.position.set(position.min(steps));
    }

    /// While playing, a timer advances one step per interval and stops at the end.
    fn drive_playback(self) {
        let timer = TimerSlot::new();
        Effect::new(move |_| {
            let playing = self.playing.get();
            let speed = self.speed.get();
            if !playing {
                timer.cancel();
                return;
            }
            timer.interval(Duration::from_millis((BASE_INTERVAL_MS / speed) as u64), move || {
                let at = self.position.get_untracked();
                if at >= self.steps.get_untracked() {
                    self.playing.set(false);
                } else {
                    self.position.set(at + 1);
                    if at + 1 >= self.steps.get_untracked() {
                        self.playing.set(false);
                    }
                }
            });
        });
    }

    /// Whether `command` would change anything now (Next at the last step would not).
    fn would_move(&self, command: Command) -> bool {
        let (at, steps) = (self.position.get_untracked(), self.steps.get_untracked());
        match command {
            Command::Next | Command::Last => at < steps,
            Command::Prev | Command::First => at > 0,
            _ => true,
        }
    }

    /// Window-wide keys: ←/→ and PageUp/PageDown step, Home/End jump, space plays or pauses.
    /// Keys typed into a field, or pressed with a modifier, are left alone.
    ///
    /// `presenter` (embeds in a slide deck): space steps forward, as a clicker's does, and a
    /// key that would not move the player (next at the last step, back at the first) is left
    /// unhandled, so `embed::hand_back_unused_keys` passes it to the deck.
    pub fn listen_to_keys(self, presenter: bool) {
        let listener = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
            // Shift+arrows pan a zoomed tree instead (see scene_view); Shift+space is a
            // presenter's "back".
            let back_space = presenter && e.shift_key() && e.key() == " ";
            if e.ctrl_key() || e.meta_key() || e.alt_key() || (e.shift_key() && !back_space) || e.default_prevented() {
                return;
            }
            let tag = target_tag(&e);
            if is_field(&tag) || dialog_open() {
                return;
            }
            // Space on a focused button or link activates it instead.
            let space_is_free = !is_control(&tag);
            let command = match e.key().as_str() {
                "ArrowRight" | "PageDown" => Command::Next,
                "ArrowLeft" | "PageUp" => Command::Prev,
                "Home" => Command::First,
                "End" => Command::Last,
                " " if space_is_free && back_space => Command::Prev,
                " " if space_is_free && presenter => Command::Next,
                " " if space_is_free => Command::TogglePlay,
                _ => return,
            };
            if presenter && !self.would_move(command) {
                return;
            }
            e.prevent_default();
            self.run(command);
        });
        on_cleanup(move || listener.remove());
    }
}

/// Whether a dialog (the embed dialog) is open: while it is, keys are its own, even with focus
/// fallen to the page behind it.
fn dialog_open() -> bool {
    strata_browser::document().is_some_and(|d| d.query_selector("dialog[open]").ok().flatten().is_some())
}

/// Whether keys aimed at an element with this tag are typing (a field's, never the player's).
pub fn is_field(tag: &str) -> bool {
    matches!(tag, "INPUT" | "TEXTAREA" | "SELECT")
}

/// Whether an element with this tag is pressed by Enter and space (a button, link or summary).
pub fn is_control(tag: &str) -> bool {
    matches!(tag, "BUTTON" | "A" | "SUMMARY")
}

/// The tag name of the element a key event is aimed at ("" if none).
pub fn target_tag(e: &web_sys::KeyboardEvent) -> String {
    e.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .map(|t| t.tag_name())
        .unwrap_or_default()
}

/// The player's controls. `compact` keeps only back, play and next (for `controls=step`).
#[component]
pub fn PlayerControls(player: Player, #[prop(optional)] compact: bool) -> impl IntoView {
    let at_start = move || player.position.get() == 0;
    let at_end = move || player.position.get() >= player.steps.get();
    let button = move |label: &'static str, symbol: &'static str, keys: &'static str, command: Command, disabled: Signal<bool>| {
        view! {
            <button
                type="button"
                class="player-button"
                aria-label=label
                title=format!("{label} ({keys})")
                aria-keyshortcuts=keys
                aria-disabled=move || disabled.get().then_some("true")
                on:click=move |_| player.run(command)
            >
                <span aria-hidden="true">{symbol}</span>
            </button>
        }
    };
    let start = Signal::derive(at_start);
    let end = Signal::derive(at_end);
    let play_label = move || if player.playing.get() { "Pause" } else { "Play" };
    view! {
        <div class="player" role="group" aria-label="Step player">
            {(!compact).then(|| button("First step", "|◀", "Home", Command::First, start))}
            {button("Previous step", "◀", "ArrowLeft PageUp", Command::Prev, start)}
            <button
                type="button"
                class="player-button play"
                aria-label=play_label
                title=move || format!("{} (Space)", play_label())
                aria-keyshortcuts="Space"
                aria-pressed=move || player.playing.get().to_string()
                on:click=move |_| player.run(Command::TogglePlay)
            >
                <span aria-hidden="true">{play_label}</span>
            </button>
            {button("Next step", "▶", "ArrowRight PageDown", Command::Next, end)}
            {(!compact).then(|| button("Last step", "▶|", "End", Command::Last, end))}
            <span class="step-count" aria-hidden="true">
                {move || format!("{} / {}", player.position.get(), player.steps.get())}
            </span>
            {(!compact).then(|| view! {
                <input
                    type="range"
                    class="scrubber"
                    aria-label="Step"
                    min="0"
                    max=move || player.steps.get().to_string()
                    prop:value=move || player.position.get().to_string()
                    aria-valuetext=move || format!("step {} of {}", player.position.get(), player.steps.get())
                    on:input=move |e| {
                        if let Ok(n) = event_target_value(&e).parse::<usize>() {
                            player.run(Command::Goto(n));
                        }
                    }
                />
                <label class="speed">
                    "Speed "
                    <select on:change=move |e| {
                        // Options are numbered: reading a float back from text would pull in
                        // core's float parser (see `strata_engine::scene::decimal`).
                        if let Some(s) = event_target_value(&e).parse::<usize>().ok().and_then(|i| SPEEDS.get(i)) {
                            player.speed.set(*s);
                        }
                    }>
                        {SPEEDS.iter().enumerate().map(|(i, s)| view! {
                            <option value=i.to_string() selected=move || player.speed.get() == *s>{format!("{}×", decimal(*s, 1))}</option>
                        }).collect_view()}
                    </select>
                </label>
            })}
        </div>
    }
}
