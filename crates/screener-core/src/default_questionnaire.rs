//! The default questionnaire of the model service.
//!
//! Sections, in order: about you (age), PHQ-9 (+ its unscored difficulty
//! item), GAD-7, WSAS, complexity, safety (direct risk questions), and
//! contact preferences (asked only when provisionally eligible).
//!
//! # Wording
//!
//! * **Standard instruments** use the published English wording (Kroenke
//!   2001, Spitzer 2006, Mundt 2002) and, in Chinese, a *published*
//!   translation — never a new one, because a reworded item is a different
//!   item and the published bands would no longer apply. For each
//!   instrument, [`translation_source`] records which translation its
//!   section follows and whether the wording has been confirmed word for
//!   word against the published document. At the time of writing none is
//!   confirmed: see each note, and check before clinical use.
//! * **Our own questions** (age, complexity, safety, contact) are written
//!   in plain, warm, non-clinical English and natural Hong Kong written
//!   Chinese.
//!
//! # Why age in whole years, not date of birth
//!
//! The only rule that uses it is the age range, which needs whole years and
//! nothing more. A date of birth is a strong identifier (with a postcode or
//! a name it often picks out one person); an age in years is not. Asking
//! for less keeps stored answers and handoffs less identifying, and is
//! quicker to answer.
//!
//! # Why direct risk questions
//!
//! PHQ-9 item 9 alone misses many people at risk (see
//! [`risk`](super::risk)); the service excludes anyone with thoughts of
//! suicide or self-harm. So the safety section asks directly, offers
//! "prefer not to say" (itself a risk signal), and asks about plans only
//! after thoughts are reported or not ruled out.

use super::config::Config;
use super::instruments::Instrument;
use super::questionnaire::{
    Condition, Item, ItemKind, Questionnaire, ResponseOption, Section, TranslationSource,
};
use super::risk::RiskKind;
use super::text::{t, Text};

// The names code reads answers by live in `names`, so that the rules, the configuration
// and the other readers do not import this file; they stay reachable here.
pub use crate::names::{ids, values, AGE_INPUT_MAX, AGE_INPUT_MIN};

/// The default questionnaire, with the default configuration's centres.
pub fn default_questionnaire() -> Questionnaire {
    questionnaire_for(&Config::default())
}

/// The default questionnaire with `config`'s centres as the options of
/// `contact_centre` (everything else is fixed content).
pub fn questionnaire_for(config: &Config) -> Questionnaire {
    build::<Written>(config)
}

/// [`questionnaire_for`] without its words: every question, option and title is empty,
/// everything else (ids, kinds, options' values and scores, risks, conditions) is the
/// same. What the start of the app builds: the rules, the route through the questions
/// and the saved answers need only that, and the words (both languages) are the larger
/// part of the first load; the screens that show them fill them in
/// ([`questionnaire_for`]) from a later chunk.
pub fn unworded_questionnaire_for(config: &Config) -> Questionnaire {
    build::<Unwritten>(config)
}

/// Whether a questionnaire is built with its words.
trait Words {
    /// The text in English and Chinese, or an empty text.
    fn t(en: impl Into<String>, zh: impl Into<String>) -> Text;

    /// The text `make` makes, or an empty text without calling it.
    fn text(make: impl FnOnce() -> Text) -> Text;
}

/// With its words.
struct Written;

impl Words for Written {
    fn t(en: impl Into<String>, zh: impl Into<String>) -> Text {
        t(en, zh)
    }

    fn text(make: impl FnOnce() -> Text) -> Text {
        make()
    }
}

/// Without its words: the texts are never made, so the build that uses this holds none
/// of them.
struct Unwritten;

impl Words for Unwritten {
    #[inline(always)]
    fn t(_: impl Into<String>, _: impl Into<String>) -> Text {
        Text::default()
    }

    #[inline(always)]
    fn text(_: impl FnOnce() -> Text) -> Text {
        Text::default()
    }
}

fn build<W: Words>(config: &Config) -> Questionnaire {
    Questionnaire {
        id: "intake".to_owned(),
        version: "1".to_owned(),
        sections: vec![
            about_you::<W>(),
            phq9::<W>(),
            gad7::<W>(),
            wsas::<W>(),
            complexity::<W>(),
            safety::<W>(),
            contact::<W>(config),
        ],
    }
}

fn option(value: &str, label: Text) -> ResponseOption {
    ResponseOption {
        value: value.to_owned(),
        label,
        score: None,
        risk: None,
    }
}

fn scored(value: &str, label: Text, score: u8) -> ResponseOption {
    ResponseOption {
        score: Some(score),
        ..option(value, label)
    }
}

fn risky(value: &str, label: Text, risk: RiskKind) -> ResponseOption {
    ResponseOption {
        risk: Some(risk),
        ..option(value, label)
    }
}

fn item(id: &str, text: Text, kind: ItemKind) -> Item {
    Item {
        id: id.to_owned(),
        text,
        help: None,
        kind,
        show_if: None,
        required: true,
    }
}

fn choice(options: Vec<ResponseOption>) -> ItemKind {
    ItemKind::Choice { options }
}

fn section(id: &str, title: Text, items: Vec<Item>) -> Section {
    Section {
        id: id.to_owned(),
        title,
        stem: None,
        instrument: None,
        show_if: None,
        items,
    }
}

fn about_you<W: Words>() -> Section {
    let mut age = item(
        ids::AGE,
        W::t("How old are you?", "你今年幾歲？"),
        ItemKind::WholeNumber {
            min: AGE_INPUT_MIN,
            max: AGE_INPUT_MAX,
        },
    );
    age.help = Some(W::t(
        "In whole years. We ask for your age rather than your date of birth because it is all we need, and it says less about who you are.",
        "請以整數歲數填寫。我們只問年齡而不問出生日期，因為年齡已經足夠，亦較少透露你的身份。",
    ));
    section("about_you", W::t("About you", "關於你"), vec![age])
}

/// The "over the last 2 weeks" frequency scale shared by PHQ-9 and GAD-7.
/// Chinese labels as in the Hong Kong Chinese versions (see the sections'
/// translation notes).
fn frequency<W: Words>(risk: Option<RiskKind>) -> ItemKind {
    let labels = [
        W::t("Not at all", "完全沒有"),
        W::t("Several days", "幾天"),
        W::t("More than half the days", "一半以上的天數"),
        W::t("Nearly every day", "近乎每天"),
    ];
    let options = labels
        .into_iter()
        .zip(values::FREQUENCY)
        .zip(0u8..)
        .map(|((label, value), score)| ResponseOption {
            // Any answer above "not at all" signals risk where asked for.
            risk: if score > 0 { risk } else { None },
            ..scored(value, label, score)
        })
        .collect();
    choice(options)
}

fn two_week_stem<W: Words>() -> Text {
    W::t(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        "在過去兩個星期，你有多經常受以下問題困擾？",
    )
}

const PFIZER_HK_NOTE: &str = "Chinese wording follows the Hong Kong Chinese version as reproduced by several Hong Kong sources found in stored copies of public pages and code; the Pfizer PDF itself could not be consulted. Not confirmed word for word: the third option appears both as '一半以上的天數' and '一半以上'; punctuation varies between reproductions.";

fn phq9<W: Words>() -> Section {
    let items_text = [
        W::t("Little interest or pleasure in doing things", "做任何事都覺得沉悶或者根本不想做任何事"),
        W::t("Feeling down, depressed, or hopeless", "情緒低落、抑鬱或絕望"),
        W::t("Trouble falling or staying asleep, or sleeping too much", "難於入睡；半夜會醒或相反地睡覺時間過多"),
        W::t("Feeling tired or having little energy", "覺得疲倦或活力不足"),
        W::t("Poor appetite or overeating", "胃口極差或進食過量"),
        W::t(
            "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
            "不喜歡自己 - 覺得自己做得不好、對自己失望或有負家人期望",
        ),
        W::t(
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "難於集中精神做事，例如看報紙或看電視",
        ),
        W::t(
            "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
            "其他人反映你行動或說話遲緩；或者相反地，你比平常活動更多 - 坐立不安、停不下來",
        ),
        W::t(
            "Thoughts that you would be better off dead or of hurting yourself in some way",
            "想到自己最好去死或者自殘",
        ),
    ];
    let mut items: Vec<Item> = items_text
        .into_iter()
        .zip(Instrument::Phq9.item_ids())
        .map(|(text, id)| {
            let risk = (*id == ids::PHQ9_9).then_some(RiskKind::Item9);
            item(id, text, frequency::<W>(risk))
        })
        .collect();
    let mut difficulty = item(
        ids::PHQ9_DIFFICULTY,
        W::t(
            "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
            "如果你有以上任何問題，這些問題令你在工作、處理家中事務或與人相處方面有多困難？",
        ),
        choice(vec![
            option("not_difficult_at_all", W::t("Not difficult at all", "完全沒有困難")),
            option("somewhat_difficult", W::t("Somewhat difficult", "有點困難")),
            option("very_difficult", W::t("Very difficult", "非常困難")),
            option("extremely_difficult", W::t("Extremely difficult", "極度困難")),
        ]),
    );
    // Unscored and optional, as published: it informs the practitioner.
    difficulty.required = false;
    items.push(difficulty);
    Section {
        stem: Some(two_week_stem::<W>()),
        instrument: Some(Instrument::Phq9),
        ..section(
            "phq9",
            W::t("Your mood over the last 2 weeks", "過去兩個星期的情緒"),
            items,
        )
    }
}

fn gad7<W: Words>() -> Section {
    let items_text = [
        W::t(
            "Feeling nervous, anxious or on edge",
            "感到緊張、不安或煩躁",
        ),
        W::t(
            "Not being able to stop or control worrying",
            "無法停止或控制憂慮",
        ),
        W::t(
            "Worrying too much about different things",
            "過份憂慮不同的事情",
        ),
        W::t("Trouble relaxing", "難以放鬆"),
        W::t(
            "Being so restless that it is hard to sit still",
            "心情不寧以致坐立不安",
        ),
        W::t("Becoming easily annoyed or irritable", "容易心煩或易怒"),
        W::t(
            "Feeling afraid as if something awful might happen",
            "感到害怕、就像要發生可怕的事情",
        ),
    ];
    let items = items_text
        .into_iter()
        .zip(Instrument::Gad7.item_ids())
        .map(|(text, id)| item(id, text, frequency::<W>(None)))
        .collect();
    Section {
        stem: Some(two_week_stem::<W>()),
        instrument: Some(Instrument::Gad7),
        ..section(
            "gad7",
            W::t("Worry over the last 2 weeks", "過去兩個星期的憂慮"),
            items,
        )
    }
}

fn wsas<W: Words>() -> Section {
    let anchors: [(&str, &str); 9] = [
        ("0 — Not at all", "0 — 完全沒有"),
        ("1", "1"),
        ("2 — Slightly", "2 — 輕微"),
        ("3", "3"),
        ("4 — Definitely", "4 — 確實有"),
        ("5", "5"),
        ("6 — Markedly", "6 — 明顯"),
        ("7", "7"),
        ("8 — Very severely", "8 — 非常嚴重"),
    ];
    let scale = |not_applicable: bool| {
        let mut options: Vec<ResponseOption> = anchors
            .iter()
            .zip(0u8..)
            .map(|((en, zh), score)| scored(&score.to_string(), W::t(*en, *zh), score))
            .collect();
        if not_applicable {
            // Unscored: WSAS is then totalled over the other four items
            // (see `instruments`).
            options.push(option(
                values::NOT_APPLICABLE,
                W::t(
                    "Not applicable: I'm retired or not working for reasons unrelated to my problem",
                    "不適用：我已退休，或因與我的問題無關的原因而沒有工作",
                ),
            ));
        }
        choice(options)
    };
    let items_text = [
        W::t(
            "Because of my problem, my ability to work is impaired.",
            "因為我的問題，我的工作能力受到影響。",
        ),
        W::t(
            "Because of my problem, my home management (cleaning, tidying, shopping, cooking, looking after home or children, paying bills) is impaired.",
            "因為我的問題，我處理家務（清潔、執拾、購物、煮食、照顧家居或子女、繳付賬單）的能力受到影響。",
        ),
        W::t(
            "Because of my problem, my social leisure activities (with other people, e.g. parties, bars, clubs, outings, visits, dating, home entertaining) are impaired.",
            "因為我的問題，我與他人一起的社交消閒活動（例如聚會、外出、探訪、約會、在家招待朋友）受到影響。",
        ),
        W::t(
            "Because of my problem, my private leisure activities (done alone, such as reading, gardening, collecting, sewing, walking alone) are impaired.",
            "因為我的問題，我獨自進行的消閒活動（例如閱讀、園藝、收藏、縫紉、獨自散步）受到影響。",
        ),
        W::t(
            "Because of my problem, my ability to form and maintain close relationships with others, including those I live with, is impaired.",
            "因為我的問題，我與他人（包括同住的人）建立和維持親密關係的能力受到影響。",
        ),
    ];
    let items = items_text
        .into_iter()
        .zip(Instrument::Wsas.item_ids())
        .map(|(text, id)| item(id, text, scale(*id == ids::WSAS_WORK)))
        .collect();
    Section {
        stem: Some(W::t(
            "People's problems sometimes affect their ability to do certain day-to-day tasks. For each statement, choose how much your problem gets in the way, from 0 (not at all) to 8 (very severely).",
            "人的問題有時會影響他們處理日常事務的能力。請就每一句，選出你的問題對你有多大影響，由 0（完全沒有）至 8（非常嚴重）。",
        )),
        instrument: Some(Instrument::Wsas),
        ..section("wsas", W::t("Day-to-day life", "日常生活"), items)
    }
}

/// Which published translation the Chinese wording of `instrument` follows, and whether
/// it has been checked word for word. Kept apart from the questionnaire, which the app
/// builds at every start: nothing on screen shows it, and it is for the people who check
/// the wording before clinical use.
pub fn translation_source(instrument: Instrument) -> TranslationSource {
    match instrument {
        Instrument::Phq9 => TranslationSource {
            citation: "PHQ-9, Chinese (Hong Kong) version, distributed by Pfizer via phqscreeners.com (Spitzer, Williams, Kroenke et al.; no permission required to reproduce, translate, display or distribute).".to_owned(),
            translation_confirmed: false,
            note: format!(
                "{PFIZER_HK_NOTE} The difficulty item (phq9_difficulty) and its options were not found in any source and are our provisional rendering: replace with the published wording. For comparison, a Hong Kong validation of a Chinese PHQ-9: Cheng CM, Cheng M. HK Pract 2007;29:381-390."
            ),
        },
        Instrument::Gad7 => TranslationSource {
            citation: "GAD-7, Chinese (Hong Kong) version, distributed by Pfizer via phqscreeners.com (Spitzer, Kroenke, Williams, Löwe et al.; no permission required to reproduce, translate, display or distribute).".to_owned(),
            translation_confirmed: false,
            note: format!(
                "{PFIZER_HK_NOTE} The seven GAD-7 items were found in only one reproduction; confirm every item against the published PDF."
            ),
        },
        Instrument::Wsas => TranslationSource {
            citation: "Chinese version of the Work and Social Adjustment Scale (CWSAS): Shih SCS, Chan ASM, Yeung EYY, Tsang AMY, Chiu RLP, Chu MHW, Poon MYC. East Asian Arch Psychiatry 2021;31:97-104. doi:10.12809/eaap20101.".to_owned(),
            translation_confirmed: false,
            note: "The published CWSAS wording was not available to us. The Chinese texts here are a PROVISIONAL rendering, not the CWSAS: they must be replaced with the published CWSAS items and anchors (from the authors, Occupational Therapy Department, Kwai Chung Hospital, Hong Kong) before clinical use. The English stem is shortened from Mundt et al. 2002; items and anchors follow the published English.".to_owned(),
        },
    }
}

fn yes_no(yes: Text, no: Text) -> ItemKind {
    choice(vec![option(values::YES, yes), option(values::NO, no)])
}

fn complexity<W: Words>() -> Section {
    let mut diagnosis = item(
        ids::COMPLEX_DIAGNOSIS,
        W::t(
            "Have you been diagnosed with a severe or complex mental health condition, such as psychosis, bipolar disorder, a personality disorder or an eating disorder?",
            "你是否曾被診斷患有嚴重或複雜的精神健康問題，例如思覺失調、躁鬱症、人格障礙或飲食失調？",
        ),
        yes_no(W::t("Yes", "是"), W::t("No", "否")),
    );
    diagnosis.help = Some(W::t(
        "This service is designed for common difficulties such as low mood, worry and stress. If it is not the right fit, we will point you to support that is.",
        "這項服務是為情緒低落、憂慮和壓力等常見困擾而設。如果它不太適合你，我們會介紹更合適的支援。",
    ));
    let team = item(
        ids::PSYCHIATRIC_TEAM,
        W::t(
            "Are you currently under the care of a psychiatrist or a psychiatric team?",
            "你現時是否正由精神科醫生或精神科團隊跟進？",
        ),
        yes_no(W::t("Yes", "是"), W::t("No", "否")),
    );
    let therapy = item(
        ids::OTHER_THERAPY,
        W::t(
            "Are you currently having another psychological therapy or counselling?",
            "你現時是否正在接受其他心理治療或輔導？",
        ),
        yes_no(W::t("Yes", "是"), W::t("No", "否")),
    );
    section(
        "complexity",
        W::t("Support you have now", "你現時得到的支援"),
        vec![diagnosis, team, therapy],
    )
}

/// A direct risk question: "yes" raises `risk`, "prefer not to say" raises
/// [`RiskKind::PreferNotToSay`].
fn risk_question<W: Words>(id: &str, text: Text, yes: Text, no: Text, risk: RiskKind) -> Item {
    item(
        id,
        text,
        choice(vec![
            risky(values::YES, yes, risk),
            option(values::NO, no),
            risky(
                values::PREFER_NOT_TO_SAY,
                W::t("I'd prefer not to say", "我不想回答"),
                RiskKind::PreferNotToSay,
            ),
        ]),
    )
}

fn safety<W: Words>() -> Section {
    let have = || (W::t("Yes", "有"), W::t("No", "沒有"));
    let are = || (W::t("Yes", "是"), W::t("No", "否"));

    let (yes, no) = have();
    let thoughts = risk_question::<W>(
        ids::RISK_THOUGHTS,
        W::t(
            "In the past month, have you had thoughts of ending your life?",
            "在過去一個月，你有沒有想過結束自己的生命？",
        ),
        yes,
        no,
        RiskKind::Thoughts,
    );
    let (yes, no) = have();
    let mut plans = risk_question::<W>(
        ids::RISK_PLANS,
        W::t(
            "Have you made any plans or preparations to end your life?",
            "你有沒有為結束自己的生命作出任何計劃或準備？",
        ),
        yes,
        no,
        RiskKind::Plans,
    );
    plans.show_if = Some(Condition::AnswerIn {
        item: ids::RISK_THOUGHTS.to_owned(),
        values: vec![values::YES.to_owned(), values::PREFER_NOT_TO_SAY.to_owned()],
    });
    let (yes, no) = have();
    let self_harm = risk_question::<W>(
        ids::RISK_SELF_HARM,
        W::t(
            "Have you hurt yourself on purpose recently?",
            "你最近有沒有故意傷害自己？",
        ),
        yes,
        no,
        RiskKind::SelfHarm,
    );
    let (yes, no) = are();
    let others = risk_question::<W>(
        ids::RISK_HARM_OTHERS,
        W::t(
            "Are you worried that you might harm someone else?",
            "你是否擔心自己可能會傷害別人？",
        ),
        yes,
        no,
        RiskKind::HarmToOthers,
    );
    let (yes, no) = are();
    let mut danger = risk_question::<W>(
        ids::RISK_DANGER_NOW,
        W::t("Are you in danger right now?", "你現在是否身處危險之中？"),
        yes,
        no,
        RiskKind::ImmediateDanger,
    );
    danger.help = Some(W::t(
        "For example, if you feel you might act on thoughts of hurting yourself, or someone is putting you at risk.",
        "例如你覺得自己可能會因傷害自己的念頭而付諸行動，或有人令你身處險境。",
    ));
    Section {
        stem: Some(W::t(
            "These questions help us make sure you get the right support quickly. Whatever you answer, we will show you where you can get help.",
            "以下問題幫助我們確保你盡快得到合適的支援。無論你怎樣回答，我們都會告訴你可以在哪裏求助。",
        )),
        ..section(
            "safety",
            W::t("Your safety", "你的安全"),
            vec![thoughts, plans, self_harm, others, danger],
        )
    }
}

fn contact<W: Words>(config: &Config) -> Section {
    // Only the configured ways are offered; with one way (or none promised) there is
    // nothing to choose, so the question is not asked.
    let mode = config
        .service
        .contact_mode_question()
        .map(|(question, modes)| {
            item(
                ids::CONTACT_MODE,
                W::text(|| question),
                choice(
                    modes
                        .iter()
                        .map(|m| option(m.value(), W::text(|| m.label())))
                        .collect(),
                ),
            )
        });
    let centre = item(
        ids::CONTACT_CENTRE,
        W::t(
            "Which centre would you like to be linked with?",
            "你希望由哪一間中心跟進？",
        ),
        choice(
            config
                .centres
                .iter()
                .map(|c| {
                    option(
                        &c.id,
                        W::t(
                            format!("{} ({})", c.name.en, c.area.en),
                            format!("{}（{}）", c.name.zh, c.area.zh),
                        ),
                    )
                })
                .collect(),
        ),
    );
    let language = item(
        ids::CONTACT_LANGUAGE,
        W::t(
            "Which language would you like to talk in?",
            "你希望用哪種語言交談？",
        ),
        choice(vec![
            option("english", W::t("English", "英語")),
            option("cantonese", W::t("Cantonese", "廣東話")),
            option("mandarin", W::t("Mandarin", "普通話")),
        ]),
    );
    let times = item(
        ids::CONTACT_TIMES,
        W::t(
            "When is a good time to contact you? Choose all that suit you.",
            "甚麼時間方便聯絡你？可選擇多項。",
        ),
        ItemKind::MultiChoice {
            options: vec![
                option("weekday_mornings", W::t("Weekday mornings", "平日上午")),
                option("weekday_afternoons", W::t("Weekday afternoons", "平日下午")),
                option("weekday_evenings", W::t("Weekday evenings", "平日晚上")),
                option("weekends", W::t("Weekends", "週末")),
            ],
        },
    );
    Section {
        stem: Some(W::text(|| config.service.contact_stem())),
        show_if: Some(Condition::ProvisionallyEligible),
        ..section(
            "contact",
            W::t("How we can reach you", "聯絡安排"),
            mode.into_iter().chain([centre, language, times]).collect(),
        )
    }
}
