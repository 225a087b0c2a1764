/**
 * The one place Condoit's contract (condoit/schema.ts) meets the risk model's inputs (domain/inputs.ts). Every
 * field the model reads has the same name, shape and meaning in both today, so a Condoit record is the model's
 * input as it is: these functions are where the compiler checks that, and where the mapping is written the day
 * the contract and the model part.
 */
import type * as Condoit from '../condoit/schema.js';
import type * as Model from '../domain/inputs.js';

/** An equipment record as a snapshot stores it (Condoit's). */
export type StoredEquipment = Condoit.Equipment;

export const modelEquipment = (e: Condoit.Equipment): Model.Equipment => e;
export const modelFacility = (f: Condoit.Facility): Model.Facility => f;
