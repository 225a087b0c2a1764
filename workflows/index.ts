export { assessFacility } from './assess-facility.js';
export { reassessPortfolio } from './reassess-portfolio.js';
export { deliverWebhooks } from './deliver-webhooks.js';
export { rescoreHistory } from './rescore-history.js';
