//! The provisions the reasons cite, in both languages.

use longzhi_explain::Source;

macro_rules! order43 {
    ($zh:literal, $en:literal) => {
        Source {
            zh: concat!("《家用汽车产品修理更换退货责任规定》", $zh),
            en: concat!(
                "SAMR Order No. 43 (household car repair, replacement and return), ",
                $en
            ),
        }
    };
}

pub const ART18: Source = order43!(
    "第十八条（三包有效期、包修期）",
    "Art 18 (sanbao and warranty periods)"
);
pub const ART18_START: Source = order43!(
    "第十八条（自开具购车发票之日起算，交付之日不同的自交付之日起算）",
    "Art 18 (periods start on the invoice date, or on the delivery date if different)"
);
pub const ART19: Source = order43!(
    "第十九条（包修期内免费修理）",
    "Art 19 (free repair in the warranty period)"
);
pub const ART20: Source = order43!(
    "第二十条（60日或3000公里内主要零部件质量问题，免费更换总成）",
    "Art 20 (main-part quality problem within 60 days / 3,000 km: free assembly replacement)"
);
pub const ART22: Source = order43!(
    "第二十二条（7日内需更换发动机、变速器、动力蓄电池、行驶驱动电机或其主要零部件）",
    "Art 22 (within 7 days: engine, gearbox, traction battery, drive motor or a main part needs replacing)"
);
pub const ART23: Source = order43!(
    "第二十三条（60日或3000公里内转向、制动失效、车身开裂、燃油泄漏或动力蓄电池起火）",
    "Art 23 (within 60 days / 3,000 km: steering or brake failure, body cracking, fuel leak, traction-battery fire)"
);
pub const ART24_1: Source = order43!(
    "第二十四条第一款第（一）项（严重安全性能故障累计修理2次）",
    "Art 24(1) (serious safety fault repaired twice)"
);
pub const ART24_2: Source = order43!(
    "第二十四条第一款第（二）项、第二款（总成累计更换2次，与主要零部件分别计算）",
    "Art 24(2) and para 2 (assembly replaced twice; counted apart from main parts)"
);
pub const ART24_3: Source = order43!(
    "第二十四条第一款第（三）项、第二款（同一主要零部件累计更换2次）",
    "Art 24(3) and para 2 (same main part replaced twice)"
);
pub const ART24_4: Source = order43!(
    "第二十四条第一款第（四）项、第三款、第四十条（累计修理时间超过30日或同一质量问题累计修理超过4次）",
    "Art 24(4), para 3 and Art 40 (cumulative repair time over 30 days, or the same problem repaired over 4 times)"
);
pub const ART24: Source = order43!(
    "第二十二条至第二十四条（三包有效期内更换或退货）",
    "Arts 22–24 (replacement or refund within the sanbao period)"
);
pub const ART27: Source = order43!(
    "第二十七条（使用补偿费 = 车价款 × 行驶里程 / 1000 × n，n ≤ 0.5%）",
    "Art 27 (usage compensation = price × mileage / 1000 × n, n ≤ 0.5 %)"
);
pub const ART32: Source = order43!("第三十二条（不承担三包责任的情形）", "Art 32 (exclusions)");
pub const COUNTING: Source = Source {
    zh: "《中华人民共和国民法典》第二百零一条、第二百零二条（期间计算）；本系统三包规则第6节",
    en: "PRC Civil Code Arts 201–202 (computing periods); engine conventions, rules-sanbao.md §6",
};
