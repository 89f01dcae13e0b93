package dev.segfold.contracts.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segfold.contracts.json.ContractJson;
import org.junit.jupiter.api.Test;

/** What a client serialises with the contracts' mapper must pass the config-service's strict reader. */
class RunRequestRoundTripTest {
    @Test
    void aRequestWrittenByContractJsonReadsBackStrictly() {
        RunRequest request = RunRequest.builder().dataset("SyntheticShapes").folds(FoldSelection.parse("0,1,2"))
                .iterations(200).batchSize(2).network(new NetworkOverrides(8, null, null)).build();
        Validated<RunRequest> read = RunRequestJson.read(ContractJson.writeString(request).getBytes());
        assertEquals(java.util.List.of(), read.problems(), "no problems reading back " + ContractJson.writeString(request));
        assertEquals(request, read.value());
    }
}
