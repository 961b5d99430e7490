//! The modules of this build: the one list the server, the command line and the tests share.
//! Adding a module is one line here (docs/guide/adding-a-module.md).

use longzhi_server::Modules;

pub fn modules() -> Modules {
    std::sync::Arc::new([
        longzhi_plan::MODULE,
        longzhi_quality::MODULE,
        longzhi_injury::MODULE,
        longzhi_recall::MODULE,
        longzhi_car::MODULE,
        longzhi_service::MODULE,
        longzhi_programme::MODULE,
        longzhi_assessment::MODULE,
    ])
}
