/**
 * Version of the risk model. Every stored assessment records it; changing any rule, weight or threshold means a
 * new version (never a silent change), so an old score can always be explained by the model that made it.
 * 0.1.0 is the first, deliberately simple model of the foundation slice; docs/risk-model.md describes it.
 */
export const MODEL_VERSION = '0.1.0';
