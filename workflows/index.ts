export { assessFacility } from './assess-facility.js';
