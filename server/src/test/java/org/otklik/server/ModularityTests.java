package org.otklik.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module graph follows the flow and has no cycles. The module docs in docs/modules are generated here, so a change
 * of structure shows up as a change of those files.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(OtklikServer.class);

    @Test
    void modulesDependOnlyOnEachOthersPublicApiWithoutCycles() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
                .writeDocumentation()
                .writeIndividualModulesAsPlantUml();
    }
}
