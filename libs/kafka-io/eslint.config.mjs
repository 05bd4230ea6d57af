import { projectConfig, restrictedClients } from '../../eslint.config.mjs';

export default projectConfig({}, { files: ['**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: restrictedClients('kafkajs') }] } });
