/**
 * The one shared description of models and accelerators, used by both the advisor ({@code advise})
 * and the simulator ({@code sim}): config.json parsing and classification, parameter counts,
 * KV-cache bytes, per-GPU weight memory, and the accelerator catalogue. Entry points:
 * {@link dev.servebench.model.ModelCatalogue#load(String)}, {@link dev.servebench.model.ParameterCounter},
 * {@link dev.servebench.model.KvCacheSize}, {@link dev.servebench.model.WeightMemory},
 * {@link dev.servebench.model.AcceleratorCatalogue#get(String)}.
 */
package dev.servebench.model;
