//! The built-in default configuration: the model service in Hong Kong (see the
//! project's service notes), with the crisis lines verified at the sources named below.

use super::*;
use crate::text::{t, Lang, Text};

impl Default for Config {
    fn default() -> Config {
        Config {
            service: ServiceInfo::default(),
            age: AgeRange::default(),
            thresholds: Thresholds::default(),
            instruments: InstrumentSet::default(),
            centres: default_centres(),
            crisis_resources: default_crisis_resources(),
            quick_exit_url: "https://www.hko.gov.hk/en/index.html".to_owned(),
            retention_days: 30,
            languages: Lang::ALL.to_vec(),
            default_language: Lang::En,
            allowed_origins: Vec::new(),
            handoff: Handoff::default(),
            theme: Theme::default(),
            referral: ReferralConfig::default(),
            alternatives: Vec::new(),
        }
    }
}

impl Default for ServiceInfo {
    fn default() -> ServiceInfo {
        let mut info = ServiceInfo {
            name: t("Low-intensity psychological support", "低強度心理支援服務"),
            description: t(
                "Free support for adults with mild to moderate depression, anxiety or other emotional difficulties: 6 to 8 sessions with a trained wellbeing practitioner over about 3 months.",
                "為受輕度至中度抑鬱、焦慮或其他情緒困擾的成年人提供免費支援：約三個月內，與受過訓練的身心健康從業員進行六至八節會面。",
            ),
            contact: ServiceContact::default(),
            first_contact_within: None,
            first_conversation: None,
            sessions: None,
            cost: None,
            for_whom: None,
        };
        super::service::model_facts(&mut info);
        info
    }
}

impl Default for AgeRange {
    fn default() -> AgeRange {
        AgeRange { min: 18, max: 65 }
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            phq9_higher_intensity: 20,
            gad7_higher_intensity: 15,
        }
    }
}

impl Default for InstrumentSet {
    fn default() -> InstrumentSet {
        InstrumentSet {
            phq9: true,
            gad7: true,
            wsas: true,
        }
    }
}

fn centre(id: &str, name: Text, area: Text) -> Centre {
    Centre {
        id: id.to_owned(),
        name,
        area,
    }
}

fn default_centres() -> Vec<Centre> {
    let island = || t("Hong Kong Island", "香港島");
    let kowloon = || t("Kowloon", "九龍");
    let nt = || t("New Territories", "新界");
    vec![
        centre("central", t("Central", "中環"), island()),
        centre("mong_kok", t("Mong Kok", "旺角"), kowloon()),
        centre("kwun_tong", t("Kwun Tong", "觀塘"), kowloon()),
        centre("sha_tin", t("Sha Tin", "沙田"), nt()),
        centre("tsuen_wan", t("Tsuen Wan", "荃灣"), nt()),
    ]
}

fn crisis(
    id: &str,
    name: Text,
    number: &str,
    href: &str,
    languages: Text,
    emergency: bool,
) -> CrisisResource {
    CrisisResource {
        id: id.to_owned(),
        name,
        number: number.to_owned(),
        href: href.to_owned(),
        open_24_hours: true,
        hours: Text::default(),
        cost: Some(Cost::Free),
        mode: None,
        languages,
        emergency,
    }
}

/// Hong Kong crisis resources, as verified at the HKU Centre for Suicide
/// Research and Prevention's "getting help" page and government news. All
/// are 24-hour and free to call. Languages are given only where the source states them.
fn default_crisis_resources() -> Vec<CrisisResource> {
    let unstated = || t("", "");
    vec![
        crisis(
            "emergency",
            t("Emergency services", "緊急服務"),
            "999",
            "tel:999",
            unstated(),
            true,
        ),
        crisis(
            "samaritans",
            t("The Samaritans Hong Kong", "香港撒瑪利亞會"),
            "2896 0000",
            "tel:+85228960000",
            t(
                "English, Cantonese, Mandarin and other languages",
                "英語、廣東話、普通話及其他語言",
            ),
            false,
        ),
        crisis(
            "samaritan_befrienders",
            t("Samaritan Befrienders Hong Kong", "香港撒瑪利亞防止自殺會"),
            "2389 2222",
            "tel:+85223892222",
            t("Cantonese, English", "廣東話、英語"),
            false,
        ),
        crisis(
            "suicide_prevention_services",
            t("Suicide Prevention Services", "生命熱線"),
            "2382 0000",
            "tel:+85223820000",
            t("Cantonese", "廣東話"),
            false,
        ),
        crisis(
            "mental_health_support_hotline",
            t("Mental Health Support Hotline", "精神健康支援熱線"),
            "18111",
            "tel:18111",
            unstated(),
            false,
        ),
        crisis(
            "ha_mental_health_direct",
            t(
                "Hospital Authority Mental Health Direct",
                "醫院管理局精神健康專線",
            ),
            "2466 7350",
            "tel:+85224667350",
            unstated(),
            false,
        ),
    ]
}
