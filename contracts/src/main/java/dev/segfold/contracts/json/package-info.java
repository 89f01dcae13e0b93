/** The one JSON configuration of the contract types ({@link dev.segfold.contracts.json.ContractJson}). */
package dev.segfold.contracts.json;
